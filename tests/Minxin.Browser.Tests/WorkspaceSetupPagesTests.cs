using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Minxin.Data;
using Minxin.Data.Staff;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Testing;

namespace Minxin.Browser.Tests;

/// <summary>The workspace's set-up pages run on their own app and browser, beside the public ones.</summary>
[CollectionDefinition(Name)]
public sealed class WorkspaceSetupLane : ICollectionFixture<PortalFixture>
{
    public const string Name = "workspace-setup";
}

/// <summary>
/// The admin's and the coordinator's set-up pages meet WCAG 2.2 AA as staff use them: axe finds nothing, with and
/// without error messages; they reflow at 320 px and with 200 % text; the importer's marks and fields lead to each other.
/// </summary>
[Collection(WorkspaceSetupLane.Name)]
public sealed class WorkspaceSetupPagesTests(PortalFixture portal) : IAsyncLifetime
{
    private const string Admin = "wsadmin";
    private const string Coordinator = "wscoord";
    private const string Password = "Haihe-Bridge-Spring-2025";
    private static readonly SemaphoreSlim Setup = new(1, 1);

    public static readonly TheoryData<string, string> Pages = new()
    {
        { Admin, "/workspace/users" },
        { Admin, $"/workspace/users/{Coordinator}" },
        { Admin, "/workspace/units" },
        { Admin, "/workspace/units/1" },
        { Admin, "/workspace/audit" },
        { Admin, "/workspace/tokens" },
        { Coordinator, "/workspace/programs" },
        { Coordinator, "/workspace/programs/jinnan-2025" },
        { Coordinator, "/workspace/programs/jinnan-2025/items/07-1" },
        { Coordinator, "/workspace/programs/jinnan-2026/publish" },
        { Coordinator, "/workspace/programs/upload" },
        { Coordinator, "/workspace/programs/import-text" },
    };

    public async Task InitializeAsync()
    {
        await Setup.WaitAsync();
        try
        {
            await using var scope = portal.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<MinxinDbContext>();
            if (await db.Users.AnyAsync(u => u.UserName == Admin))
            {
                return;
            }
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var region = await db.Regions.FirstAsync(r => r.Code == "120112");
            await UnitDirectory.AddAsync(db, region, "区城管委", null, null, AuditAuthor.Cli);
            await StaffAccounts.CreateAsync(users, db, new NewAccount(Admin, "管理员", StaffRole.Admin, region, null, Password), AuditAuthor.Cli);
            await StaffAccounts.CreateAsync(users, db, new NewAccount(Coordinator, "民心办同志", StaffRole.Coordinator, region, null, Password), AuditAuthor.Cli);
            var draft = new LivelihoodProgram { Code = "jinnan-2026", Title = "2026年津南区民心工程", Year = 2026, Region = region };
            draft.Categories.Add(new Category { Number = 1, Name = "护苗助老贴心工程", Program = draft, Items = [new Item { Number = 1, Title = "新建社区老年食堂12个" }] });
            await ProgramStore.AddAsync(db, draft, PublicationState.Draft);
        }
        finally
        {
            Setup.Release();
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task The_page_is_axe_clean_and_reflows_at_320_px_and_with_200_percent_text(string user, string path)
    {
        await using var reader = await SignedInAsync(user, path);
        var result = await reader.AxeAsync();
        await reader.ScreenshotAsync("ws-" + AxeTests.Slug(path));
        Assert.True(result.Violations.Length == 0, $"{path}:\n{Reader.Describe(result)}");

        await reader.Page.SetViewportSizeAsync(320, 640);
        await reader.ScreenshotAsync("ws-320-" + AxeTests.Slug(path));
        Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"{path} scrolls sideways at 320 px: {await WiderThanTheViewportAsync(reader)}");

        await reader.Page.SetViewportSizeAsync(640, 800);
        await reader.EvalAsync<bool>("() => { document.documentElement.style.fontSize = '200%'; return true; }");
        Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"{path} scrolls sideways with 200 % text: {await WiderThanTheViewportAsync(reader)}");
    }

    [Fact]
    public async Task A_form_shown_again_with_its_errors_is_axe_clean_and_each_message_leads_to_its_field()
    {
        await using var reader = await SignedInAsync(Admin, "/workspace/users");
        await reader.Page.FillAsync("#f-new-username", "weakling");
        await reader.Page.SelectOptionAsync("#f-new-role", "reporter");
        await reader.Page.FillAsync("#f-new-password", "password1234");
        await reader.Page.ClickAsync("#f-new button[type=submit]");

        var result = await reader.AxeAsync();
        Assert.True(result.Violations.Length == 0, Reader.Describe(result));
        await reader.Page.ClickAsync(".ws-error-summary a[href='#f-new-password']");
        Assert.Equal("f-new-password", await reader.EvalAsync<string>("() => document.activeElement.id"));
        Assert.Equal("true", await reader.Page.GetAttributeAsync("#f-new-unit", "aria-invalid"));
    }

    [Fact]
    public async Task The_importer_review_is_axe_clean_at_any_width_and_marks_and_fields_lead_to_each_other_by_keyboard()
    {
        var text = await File.ReadAllTextAsync(Path.Combine(Repository.Root, "tests", "Minxin.Importer.Tests", "Texts", "jinnan-2025-h1.txt"));
        foreach (var width in new[] { 1280, 360 })
        {
            await using var reader = await SignedInAsync(Coordinator, "/workspace/programs/import-text", width: width, height: 800);
            await reader.Page.FillAsync("#f-text", text);
            await reader.Page.FillAsync("#f-programid", "jinnan-2025-review");
            await reader.Page.ClickAsync("main button[type=submit]");
            await reader.Page.WaitForSelectorAsync(".ws-source mark");

            var result = await reader.AxeAsync();
            await reader.ScreenshotAsync($"ws-import-text-review-{width}");
            Assert.True(result.Violations.Length == 0, Reader.Describe(result));
            Assert.True(await reader.HorizontalOverflowAsync() <= 0, $"the review scrolls sideways at {width} px: {await WiderThanTheViewportAsync(reader)}");

            await reader.Page.FocusAsync("#f-categories-0-items-0-indicators-0-target ~ a.ws-source-link, .ws-field:has(#f-categories-0-items-0-indicators-0-target) a.ws-source-link");
            await reader.Page.Keyboard.PressAsync("Enter");
            var mark = await reader.EvalAsync<string>("() => location.hash");
            Assert.Equal("MARK", await reader.EvalAsync<string>($"() => document.querySelector('{mark}').tagName"));
            await reader.Page.FocusAsync($"{mark} a");
            await reader.Page.Keyboard.PressAsync("Enter");
            Assert.Equal("#f-categories-0-items-0-indicators-0-target", await reader.EvalAsync<string>("() => location.hash"));
        }
    }

    /// <summary>For the failure message: the elements reaching past the viewport, outside scrolling regions.</summary>
    private static Task<string> WiderThanTheViewportAsync(Reader reader) => reader.EvalAsync<string>("""
        () => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
            && !e.closest('.ws-table-wrap, .ws-source')).slice(0, 8).map(e => e.tagName + '.' + e.className + '#' + e.id + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')
        """);

    private async Task<Reader> SignedInAsync(string user, string path, int width = 1280, int height = 900)
    {
        var reader = await Reader.OpenAsync(portal, "/workspace/sign-in", width: width, height: height);
        await reader.Page.FillAsync("#username", user);
        await reader.Page.FillAsync("#password", Password);
        await reader.Page.ClickAsync("main button[type=submit]");
        await reader.Page.WaitForURLAsync(url => !url.Contains("sign-in", StringComparison.Ordinal), new PageWaitForURLOptions { WaitUntil = WaitUntilState.Load });
        await reader.GoAsync(path);
        return reader;
    }
}
