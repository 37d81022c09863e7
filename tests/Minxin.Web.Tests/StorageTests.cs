using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Minxin.Data;
using Minxin.Domain.Auditing;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>
/// The write model on both providers: programs go in whole, later imports touch only what differs and keep ids,
/// nothing submitted is ever rewritten (by EF or by a bulk statement), and two writers never overwrite each other.
/// </summary>
public abstract class StorageTests(DatabaseProvider provider)
{
    private readonly StorageOptions _storage = TestStorage.New(provider);

    private async Task<MinxinDbContext> NewDatabaseAsync()
    {
        var db = MinxinDatabase.Create(_storage);
        await MinxinDatabase.MigrateAsync(db);
        return db;
    }

    private static LivelihoodProgram Jinnan() => ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

    [Fact]
    public async Task Import_then_export_gives_back_the_data_file_byte_for_byte()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);

        var exported = ProgramFileWriter.Write((await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: false))!);

        Assert.Equal(await File.ReadAllTextAsync(Repository.JinnanProgramFile), System.Text.Encoding.UTF8.GetString(exported));
    }

    [Fact]
    public async Task A_program_is_refused_when_its_code_exists_and_nothing_changes()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);
        var reports = await db.Reports.CountAsync();

        await Assert.ThrowsAsync<ProgramExistsException>(() => ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published));

        Assert.Equal(1, await db.Programs.CountAsync());
        Assert.Equal(reports, await db.Reports.CountAsync());
    }

    [Fact]
    public async Task A_draft_program_is_not_public_until_published()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Draft);

        Assert.Null(await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: true));
        Assert.Empty(await ProgramStore.LoadAllAsync(db, publicOnly: true));
        Assert.NotNull(await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: false));
    }

    [Fact]
    public async Task Importing_the_same_file_again_changes_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);

        var outcome = await ProgramImport.ApplyAsync(db, Jinnan(), allowPlanChanges: true);

        Assert.False(outcome.Changed);
        Assert.Equal(1, (await db.Programs.SingleAsync()).DataVersion);
    }

    [Fact]
    public async Task A_correction_is_appended_beside_the_approved_report_and_every_id_stays()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);
        var itemIds = await db.Items.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync();
        var reportIds = await db.Reports.OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var changed = Jinnan();
        var item = changed.Items.Single(i => i.Code == "07-1");
        item.Reports.Add(Corrections.Of(item.Reports.Single(), "核对台账后更正", v => v.Value == 5119 ? 5120 : v.Value));

        var outcome = await ProgramImport.ApplyAsync(db, changed, allowPlanChanges: true);

        Assert.Equal(1, outcome.ReportsAdded);
        Assert.Equal(0, outcome.PlanChanges);
        Assert.Equal(2, (await db.Programs.SingleAsync()).DataVersion);
        Assert.Equal(itemIds, await db.Items.OrderBy(i => i.Id).Select(i => i.Id).ToListAsync());
        Assert.Equal(reportIds, await db.Reports.Where(r => r.Version == 1).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync());
        Assert.Equal(1, await db.IndicatorValues.CountAsync(v => v.Value == 5119));
        Assert.Equal(1, await db.IndicatorValues.CountAsync(v => v.Value == 5120));
    }

    [Fact]
    public async Task An_import_that_would_rewrite_an_approved_report_is_refused_and_changes_nothing()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);
        var changed = Jinnan();
        changed.Items.SelectMany(i => i.Reports).SelectMany(r => r.Values).First(v => v.Value == 5119).Value = 5120;
        changed.Items.First().Title = "改过的表述";

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ProgramImport.ApplyAsync(db, changed, allowPlanChanges: true));

        var reason = Assert.Single(refused.Reasons);
        Assert.Contains("子项 07-1 截至 2025-06-30 的第 1 版报告", reason);
        Assert.Contains("作为第 2 版加入", reason);
        Assert.Equal(1, await db.IndicatorValues.CountAsync(v => v.Value == 5119));
        Assert.Equal(0, await db.Items.CountAsync(i => i.Title == "改过的表述"));
        Assert.Equal(1, (await db.Programs.SingleAsync()).DataVersion);
    }

    [Fact]
    public async Task A_plan_edit_touches_only_what_changed()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);
        var indicator = await db.Indicators.SingleAsync(i => i.Key == "充电接口");
        var changed = Jinnan();
        changed.Items.SelectMany(i => i.Indicators).Single(i => i.Key == "充电接口").Target = 6500;

        var outcome = await ProgramImport.ApplyAsync(db, changed, allowPlanChanges: true);

        Assert.Equal(1, outcome.PlanChanges);
        var stored = await db.Indicators.SingleAsync(i => i.Key == "充电接口");
        Assert.Equal(indicator.Id, stored.Id);
        Assert.Equal(6500, stored.Target);
        Assert.Equal(1, (await db.Programs.SingleAsync()).Revision);
    }

    [Fact]
    public async Task A_text_may_not_change_the_plan_of_a_program()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);
        var changed = Jinnan();
        changed.Items.First().Title = "从文本读出的另一种表述";

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ProgramImport.ApplyAsync(db, changed, allowPlanChanges: false));

        Assert.Contains("计划不能由文本改写", Assert.Single(refused.Reasons));
    }

    [Fact]
    public async Task Items_with_reports_cannot_be_removed_by_an_import_and_items_without_can()
    {
        await using var db = await NewDatabaseAsync();
        var plan = new ProgramBuilder()
            .Category(1, "工程", c => c
                .Item(1, "有报告的子项", i => i.Indicator("数", "个", 10).Report("2025-06-30", ItemStatus.InProgress, r => r.Value("数", 4)))
                .Item(2, "没有报告的子项"))
            .Build();
        await ProgramStore.AddAsync(db, plan, PublicationState.Published);
        var withoutEither = new ProgramBuilder().Category(1, "工程", c => c.Item(3, "新子项")).Build();
        var withoutSecond = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "有报告的子项", i => i.Indicator("数", "个", 10)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("数", 4))))
            .Build();

        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ProgramImport.ApplyAsync(db, withoutEither, allowPlanChanges: true));
        Assert.Contains(refused.Reasons, r => r.Contains("子项 01-1") && r.Contains("不能从计划中删除"));
        Assert.Equal(2, await db.Items.CountAsync());

        await ProgramImport.ApplyAsync(db, withoutSecond, allowPlanChanges: true);
        Assert.Equal(["有报告的子项"], await db.Items.Select(i => i.Title).ToListAsync());
    }

    [Fact]
    public async Task Items_with_a_follow_up_or_ratings_cannot_be_removed_by_an_import_and_the_refusal_says_why()
    {
        await using var db = await NewDatabaseAsync();
        var plan = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "被督办的子项").Item(2, "被评价的子项").Item(3, "留下的子项"))
            .Build();
        var stored = await ProgramStore.AddAsync(db, plan, PublicationState.Published);
        var region = await db.Regions.FirstAsync();
        var unit = new ResponsibleUnit { RegionId = region.Id, Code = "zjw", Name = "区住建委" };
        db.Units.Add(unit);
        var items = await db.Items.OrderBy(i => i.Number).ToListAsync();
        db.FollowUps.Add(new Domain.FollowUps.FollowUp
        {
            ProgramId = stored.Id, ItemId = items[0].Id, Unit = unit, Number = "津南民心督〔2025〕1号", Requirement = "加快进度",
            Deadline = new DateOnly(2025, 9, 30), IssuedAt = DateTimeOffset.UnixEpoch, IssuedBy = "民心办",
        });
        var window = new Domain.Ratings.RatingWindow
        {
            ProgramId = stored.Id, Title = "2025年度测评", OpensOn = new DateOnly(2025, 12, 1), ClosesOn = new DateOnly(2025, 12, 31),
            OpenedAt = DateTimeOffset.UnixEpoch, OpenedBy = "民心办",
        };
        db.RatingWindows.Add(window);
        await db.SaveChangesAsync();
        db.Ratings.Add(new Domain.Ratings.Rating { WindowId = window.Id, ItemId = items[1].Id, ReaderKey = new string('a', 64), At = DateTimeOffset.UnixEpoch });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();

        var onlyThird = new ProgramBuilder().Category(1, "工程", c => c.Item(3, "留下的子项")).Build();
        var refused = await Assert.ThrowsAsync<ImportRefusedException>(() => ProgramImport.ApplyAsync(db, onlyThird, allowPlanChanges: true));

        Assert.Contains(refused.Reasons, r => r.Contains("子项 01-1") && r.Contains("已有督办"));
        Assert.Contains(refused.Reasons, r => r.Contains("子项 01-2") && r.Contains("已有满意度评价"));
        Assert.Equal(3, await db.Items.CountAsync());
    }

    [Fact]
    public async Task Units_named_in_files_become_the_region_directory_and_are_written_back_by_name()
    {
        await using var db = await NewDatabaseAsync();
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c
                .Item(1, "新建幼儿园1所", i => i.Units("区教育局", "区住建委", "辛庄镇"))
                .Item(2, "新增托位100个", i => i.Units("区卫健委", "区教育局")))
            .Build();
        await ProgramStore.AddAsync(db, program, PublicationState.Published);
        var second = new ProgramBuilder("test-2026", 2026).Category(1, "工程", c => c.Item(1, "子项", i => i.Units("区教育局"))).Build();
        await ProgramStore.AddAsync(db, second, PublicationState.Draft);

        Assert.Equal(["区住建委", "区卫健委", "区教育局", "辛庄镇"], (await db.Units.Select(u => u.Name).ToListAsync()).Order().ToList());
        Assert.Equal(4, await db.Units.Select(u => u.Code).Distinct().CountAsync());
        var file = ProgramFileWriter.ToFile((await ProgramStore.LoadAsync(db, "test-2025", publicOnly: false))!);
        var items = file.Categories![0].Items!;
        Assert.Equal("区教育局", items[0].LeadUnit);
        Assert.Equal(["区住建委", "辛庄镇"], items[0].CooperatingUnits);
        Assert.Equal(["区教育局"], items[1].CooperatingUnits);
    }

    [Fact]
    public async Task The_database_itself_refuses_bulk_deletes_and_rewrites_of_reports_and_the_audit_log()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published, Audit.ByCli("program.imported", "program:jinnan-2025", "导入"));
        var reports = await db.Reports.CountAsync();
        var values = await db.IndicatorValues.CountAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => db.Reports.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.IndicatorValues.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.SiteUpdates.ExecuteUpdateAsync(s => s.SetProperty(u => u.Note, "改写")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Reports.ExecuteUpdateAsync(s => s.SetProperty(r => r.Narrative, "改写")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Reports.ExecuteUpdateAsync(s => s.SetProperty(r => r.ReviewNote, "连审核意见也不能改")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.ReportEvents.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteDeleteAsync());
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditLog.ExecuteUpdateAsync(s => s.SetProperty(e => e.Summary, "改写")));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Items.ExecuteDeleteAsync());

        Assert.Equal(reports, await db.Reports.CountAsync());
        Assert.Equal(values, await db.IndicatorValues.CountAsync());
        Assert.Equal(0, await db.Reports.CountAsync(r => r.Narrative == "改写"));
        Assert.Equal(1, await db.AuditLog.CountAsync(e => e.Summary == "导入"));
    }

    [Fact]
    public async Task A_draft_may_change_and_be_removed_a_submitted_report_only_be_reviewed()
    {
        await using var db = await NewDatabaseAsync();
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i.Indicator("数", "个", 10)
                .Report("2025-06-30", ItemStatus.InProgress, r => r.Value("数", 4).Review(ReviewState.Draft))
                .Report("2025-07-31", ItemStatus.InProgress, r => r.Value("数", 5).Review(ReviewState.Submitted))))
            .Build();
        await ProgramStore.AddAsync(db, program, PublicationState.Published);

        await db.IndicatorValues.Where(v => v.Report.Review == ReviewState.Draft).ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, 40000));
        await db.Reports.Where(r => r.Review == ReviewState.Draft).ExecuteUpdateAsync(s => s.SetProperty(r => r.Narrative, "草稿可以改"));
        await Assert.ThrowsAnyAsync<Exception>(() => db.Reports.Where(r => r.Review == ReviewState.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Narrative, "待审核的不能改")));
        await db.Reports.Where(r => r.Review == ReviewState.Submitted)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Review, ReviewState.Returned).SetProperty(r => r.ReviewNote, "请补充照片"));
        await db.Reports.Where(r => r.Review == ReviewState.Draft).ExecuteDeleteAsync();

        Assert.Equal(1, await db.Reports.CountAsync());
        Assert.Equal("请补充照片", (await db.Reports.SingleAsync()).ReviewNote);
    }

    [Fact]
    public async Task A_saved_report_cannot_be_rewritten_through_the_context_either()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), PublicationState.Published);

        var report = await db.Reports.OrderBy(r => r.Id).FirstAsync();
        report.Narrative = "改写后的进展";
        var rewrite = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var value = await db.IndicatorValues.OrderBy(v => v.Id).FirstAsync();
        value.Value += 1;
        var changedFigure = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var approved = await db.Reports.OrderBy(r => r.Id).FirstAsync();
        approved.ReviewNote = "审核通过后连意见也不改";
        var reReview = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Contains("Narrative", rewrite.Message);
        Assert.Contains("IndicatorValue", changedFigure.Message);
        Assert.Contains("approved report", reReview.Message);
    }

    [Fact]
    public async Task Two_writers_of_one_item_the_second_is_refused_and_the_first_kept()
    {
        await using (var setup = await NewDatabaseAsync())
        {
            await ProgramStore.AddAsync(setup, Jinnan(), PublicationState.Published);
        }
        await using var first = MinxinDatabase.Create(_storage);
        await using var second = MinxinDatabase.Create(_storage);
        var mine = await first.Items.SingleAsync(i => i.Category.Number == 7 && i.Number == 1);
        var theirs = await second.Items.SingleAsync(i => i.Category.Number == 7 && i.Number == 1);

        mine.Title = "第一位民心办同志的修改";
        mine.Revision++;
        await first.SaveChangesAsync();
        theirs.Deadline = new DateOnly(2025, 11, 30);
        theirs.Revision++;

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
        await using var check = MinxinDatabase.Create(_storage);
        var stored = await check.Items.SingleAsync(i => i.Category.Number == 7 && i.Number == 1);
        Assert.Equal("第一位民心办同志的修改", stored.Title);
        Assert.Null(stored.Deadline);
    }

    [Fact]
    public async Task Changes_saved_at_the_same_moment_each_move_the_data_version()
    {
        await using (var setup = await NewDatabaseAsync())
        {
            await ProgramStore.AddAsync(setup, Jinnan(), PublicationState.Published);
        }
        await using var check = MinxinDatabase.Create(_storage);
        var program = await check.Programs.SingleAsync();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            await using var db = MinxinDatabase.Create(_storage);
            var tracked = await db.Programs.SingleAsync();
            await db.SaveWithNewDataVersionAsync([tracked.Id]);
        }));

        check.ChangeTracker.Clear();
        Assert.Equal(program.DataVersion + 8, (await check.Programs.SingleAsync()).DataVersion);
    }

    [Fact]
    public async Task A_write_the_database_refuses_leaves_nothing_behind()
    {
        await using var db = await NewDatabaseAsync();
        var broken = new ProgramBuilder("broken-2025")
            .Category(1, "工程", c => c.Item(1, "子项", i => i.Indicator("数", "个").Indicator("数", "个")))
            .Build();

        await Assert.ThrowsAsync<DbUpdateException>(() => ProgramStore.AddAsync(db, broken, PublicationState.Published));

        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Programs.CountAsync());
        Assert.Equal(0, await db.Categories.CountAsync());
        Assert.Equal(0, await db.Regions.CountAsync());
    }

    [Fact]
    public async Task Only_approved_reports_are_loaded_for_the_public()
    {
        await using var db = await NewDatabaseAsync();
        var program = new ProgramBuilder()
            .Category(1, "工程", c => c.Item(1, "子项", i => i
                .Indicator("数", "个", target: 10)
                .Report("2025-05-31", ItemStatus.InProgress, r => r.Value("数", 4))
                .Report("2025-06-30", ItemStatus.Completed, r => r.Value("数", 10).Review(ReviewState.Submitted))))
            .Build();
        await ProgramStore.AddAsync(db, program, PublicationState.Published);

        var forPublic = await ProgramStore.LoadAsync(db, "test-2025", publicOnly: true);
        var everything = await ProgramStore.LoadAsync(db, "test-2025", publicOnly: false);

        Assert.Single(forPublic!.Items.Single().Reports);
        Assert.Equal(2, everything!.Items.Single().Reports.Count);
    }

    [Fact]
    public async Task Units_stored_as_names_before_the_workspace_are_carried_into_the_directory()
    {
        await using var db = MinxinDatabase.Create(_storage);
        var migrator = db.GetService<IMigrator>();
        var initial = db.Database.GetMigrations().First();
        await migrator.MigrateAsync(initial);
        var cooperating = provider == DatabaseProvider.Sqlite ? "'[\"区住建委\",\"辛庄镇\"]'" : "ARRAY['区住建委','辛庄镇']";
        var q = provider == DatabaseProvider.Sqlite ? "" : "\"";
        var rowsOfTheFirstRelease = $"""
            INSERT INTO {q}Regions{q} ({q}Code{q}, {q}Name{q}) VALUES ('999999', '测试区');
            INSERT INTO {q}Programs{q} ({q}Code{q}, {q}RegionId{q}, {q}Year{q}, {q}Title{q}, {q}DataVersion{q}) VALUES ('old-2025', 1, 2025, '旧数据', 1);
            INSERT INTO {q}Categories{q} ({q}ProgramId{q}, {q}Number{q}, {q}Name{q}) VALUES (1, 1, '工程');
            INSERT INTO {q}Items{q} ({q}CategoryId{q}, {q}Number{q}, {q}Title{q}, {q}LeadUnit{q}, {q}CooperatingUnits{q}) VALUES (1, 1, '子项', '区教育局', {cooperating});
            """;
        await db.Database.ExecuteSqlRawAsync(rowsOfTheFirstRelease);

        await MinxinDatabase.MigrateAsync(db);

        var program = (await ProgramStore.LoadAsync(db, "old-2025", publicOnly: true))!;
        var item = program.Items.Single();
        Assert.Equal("区教育局", item.LeadUnitName);
        Assert.Equal(["区住建委", "辛庄镇"], item.CooperatingUnitNames);
        Assert.Equal(3, await db.Units.CountAsync());
    }

    [Fact]
    public async Task Migrating_twice_is_harmless()
    {
        await using var db = await NewDatabaseAsync();

        await MinxinDatabase.MigrateAsync(db);

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
    }
}

public sealed class SqliteStorageTests() : StorageTests(DatabaseProvider.Sqlite);

public sealed class PostgresStorageTests() : StorageTests(DatabaseProvider.Postgres);
