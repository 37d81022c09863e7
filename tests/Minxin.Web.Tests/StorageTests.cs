using Microsoft.EntityFrameworkCore;
using Minxin.Data;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Progress;
using Minxin.Testing;

namespace Minxin.Web.Tests;

/// <summary>Programs go into the database whole or not at all, and come out byte for byte, on both providers.</summary>
public abstract class StorageTests(DatabaseProvider provider)
{
    private async Task<MinxinDbContext> NewDatabaseAsync()
    {
        var db = MinxinDatabase.Create(TestStorage.New(provider));
        await MinxinDatabase.MigrateAsync(db);
        return db;
    }

    private static Domain.Programs.LivelihoodProgram Jinnan() => ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

    [Fact]
    public async Task Import_then_export_gives_back_the_data_file_byte_for_byte()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), replace: false);

        var exported = ProgramFileWriter.Write((await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: false))!);

        Assert.Equal(await File.ReadAllTextAsync(Repository.JinnanProgramFile), System.Text.Encoding.UTF8.GetString(exported));
    }

    [Fact]
    public async Task A_program_is_refused_when_its_code_exists_and_nothing_changes()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), replace: false);
        var reports = await db.Reports.CountAsync();

        await Assert.ThrowsAsync<ProgramExistsException>(() => ProgramStore.AddAsync(db, Jinnan(), replace: false));

        Assert.Equal(1, await db.Programs.CountAsync());
        Assert.Equal(reports, await db.Reports.CountAsync());
    }

    [Fact]
    public async Task Replacing_a_program_swaps_it_whole_and_bumps_its_data_version()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), replace: false);
        var changed = Jinnan();
        changed.Items.SelectMany(i => i.Reports).SelectMany(r => r.Values).First(v => v.Value == 5119).Value = 5120;

        await ProgramStore.AddAsync(db, changed, replace: true);

        Assert.Equal(1, await db.Programs.CountAsync());
        Assert.Equal(2, (await db.Programs.SingleAsync()).DataVersion);
        Assert.Equal(26, await db.Items.CountAsync());
        Assert.Equal(1, await db.Regions.CountAsync(r => r.Code == "120112"));
        Assert.Equal(1, await db.IndicatorValues.CountAsync(v => v.Value == 5120));
        Assert.Equal(0, await db.IndicatorValues.CountAsync(v => v.Value == 5119));
    }

    [Fact]
    public async Task A_write_the_database_refuses_leaves_nothing_behind()
    {
        await using var db = await NewDatabaseAsync();
        var broken = new ProgramBuilder("broken-2025")
            .Category(1, "工程", c => c.Item(1, "子项", i => i.Indicator("数", "个").Indicator("数", "个")))
            .Build();

        await Assert.ThrowsAsync<DbUpdateException>(() => ProgramStore.AddAsync(db, broken, replace: false));

        db.ChangeTracker.Clear();
        Assert.Equal(0, await db.Programs.CountAsync());
        Assert.Equal(0, await db.Categories.CountAsync());
        Assert.Equal(0, await db.Regions.CountAsync());
    }

    [Fact]
    public async Task A_failed_replacement_keeps_the_old_program()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), replace: false);
        var broken = Jinnan();
        var item = broken.Items.First();
        item.Indicators.Add(new Domain.Programs.Indicator { Item = item, Key = item.Indicators[0].Key, Name = "重复", Unit = "个" });

        await Assert.ThrowsAnyAsync<Exception>(() => ProgramStore.AddAsync(db, broken, replace: true));

        db.ChangeTracker.Clear();
        var kept = await ProgramStore.LoadAsync(db, "jinnan-2025", publicOnly: true);
        Assert.NotNull(kept);
        Assert.Equal(26, kept.Items.Count());
        Assert.Equal(1, kept.DataVersion);
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
        await ProgramStore.AddAsync(db, program, replace: false);

        var forPublic = await ProgramStore.LoadAsync(db, "test-2025", publicOnly: true);
        var everything = await ProgramStore.LoadAsync(db, "test-2025", publicOnly: false);

        Assert.Single(forPublic!.Items.Single().Reports);
        Assert.Equal(2, everything!.Items.Single().Reports.Count);
    }

    [Fact]
    public async Task A_saved_report_cannot_be_rewritten_only_reviewed()
    {
        await using var db = await NewDatabaseAsync();
        await ProgramStore.AddAsync(db, Jinnan(), replace: false);

        var report = await db.Reports.OrderBy(r => r.Id).FirstAsync();
        report.Narrative = "改写后的进展";
        var rewrite = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var value = await db.IndicatorValues.OrderBy(v => v.Id).FirstAsync();
        value.Value += 1;
        var changedFigure = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        var reviewed = await db.Reports.OrderBy(r => r.Id).FirstAsync();
        reviewed.ReviewNote = "复核无误";
        await db.SaveChangesAsync();

        Assert.Contains("Narrative", rewrite.Message);
        Assert.Contains("IndicatorValue", changedFigure.Message);
        db.ChangeTracker.Clear();
        var stored = await db.Reports.OrderBy(r => r.Id).FirstAsync();
        Assert.NotEqual("改写后的进展", stored.Narrative);
        Assert.Equal("复核无误", stored.ReviewNote);
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
