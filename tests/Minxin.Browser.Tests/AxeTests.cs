namespace Minxin.Browser.Tests;

/// <summary>S1, C4: axe finds no WCAG 2.2 A/AA violation on any public page type, in any mode or colour scheme.</summary>
[Collection(AxeLane.Name)]
public sealed class AxeTests(PortalFixture portal)
{
    public static readonly string[] PageTypes =
        ["/", "/programs/jinnan-2025", "/items/jinnan-2025-07-1", "/search?q=充电", "/accessibility"];

    public static readonly TheoryData<string, string> PagesAndModes = Matrix();

    private static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var page in PageTypes)
        {
            foreach (var mode in Reader.Modes.All)
            {
                data.Add(page, mode);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(PagesAndModes))]
    public async Task Axe_finds_no_violations(string path, string mode)
    {
        await using var reader = await Reader.OpenAsync(portal, path, mode);

        var result = await reader.AxeAsync();
        await reader.ScreenshotAsync($"axe-{Slug(path)}-{Reader.Modes.Name(mode)}");

        Assert.True(result.Violations.Length == 0, $"{path} in {Reader.Modes.Name(mode)}:\n{Reader.Describe(result)}");
        Assert.NotEmpty(result.Passes);
    }

    [Fact]
    public async Task Axe_flags_a_low_contrast_paragraph_so_a_silent_axe_cannot_pass()
    {
        await using var reader = await Reader.OpenAsync(portal, "/programs/jinnan-2025");
        await reader.EvalAsync<bool>("""
            () => {
              const p = document.createElement('p');
              p.textContent = '对比度过低的文字';
              p.style.color = '#bbbbbb';
              p.style.background = '#ffffff';
              document.querySelector('main').prepend(p);
              return true;
            }
            """);

        var result = await reader.AxeAsync();

        Assert.Contains(result.Violations, v => v.Id == "color-contrast");
    }

    public static string Slug(string path) =>
        path == "/" ? "home" : string.Concat(path.Trim('/').Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
}
