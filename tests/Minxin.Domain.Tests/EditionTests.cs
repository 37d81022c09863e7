using Minxin.Domain.Editions;
using Minxin.Domain.Oversight;
using Minxin.Domain.ProgramFiles;
using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.ReportCards;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>An edition's frozen copy and the checks before publishing it.</summary>
public class EditionTests
{
    private static readonly DateOnly June = Dates.Parse("2025-06-30");

    private static LivelihoodProgram Jinnan()
    {
        var program = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();
        program.Publication = PublicationState.Published;
        return program;
    }

    [Fact]
    public void A_draft_program_has_no_editions()
    {
        var draft = ProgramFileReader.Read(Repository.JinnanProgramFile).ProgramOrThrow();

        Assert.Equal("programId", Assert.Single(Edition.Check(draft, "2025年上半年成绩单", "2025-h1", June, June, [])).Field);
    }

    private static Edition Published(LivelihoodProgram program, string slug, DateOnly asOf) => new()
    {
        Slug = slug, Title = slug, AsOf = asOf, PublishedOn = asOf, PublishedBy = "测试", Snapshot = Edition.Freeze(program, asOf), SnapshotSha256 = "",
    };

    [Fact]
    public void The_frozen_copy_keeps_the_reports_up_to_its_date_and_reads_back_as_the_same_card()
    {
        var program = Jinnan();
        new ItemBuilder(program.Items.Single(i => i.Code == "07-1")).Report("2025-07-31", ItemStatus.InProgress, r => r.Value("充电接口", 5600));

        var edition = Published(program, "2025-h1", June);
        var frozen = edition.ThawCard();
        var live = ReportCardCalculator.Compute(program, June);

        Assert.Equal(live.Headline, frozen.Headline);
        Assert.Equal(live.Totals, frozen.Totals);
        Assert.Equal(5119m, frozen.Items.Single(i => i.Item.Code == "07-1").Indicators.Single(i => i.Indicator.Key == "充电接口").ActualValue);
        // The July report is not in the copy at all: the copy cannot be read as of a later date to find it.
        Assert.DoesNotContain("2025-07-31", edition.Snapshot);
        Assert.Equal(Edition.Sha256(edition.Snapshot), Edition.Sha256(Edition.Freeze(program, June)));
    }

    [Fact]
    public void The_lights_of_the_day_are_kept_with_the_edition_and_a_later_rule_does_not_move_them()
    {
        var program = Jinnan();
        var edition = Published(program, "2025-h1", June);
        edition.FreezeLights(ReportCardCalculator.Compute(program, June));

        program.LightRules.Add(new ProgramLightRule { Version = 2, GreenWithinPoints = 0, YellowWithinPoints = 5, RedWhenPastDeadline = true, ChangedBy = "测试" });
        var lights = edition.ThawLights(edition.ThawCard());

        Assert.Equal(1, lights.Rule.Version);
        Assert.Equal(LightColor.Yellow, lights["10-1"].Color);
        Assert.Equal(LightColor.Red, Lights.Live(ReportCardCalculator.Compute(program, June))["10-1"].Color);
    }

    [Theory]
    [InlineData("", "2025-h1", "2025-06-30", "2025-07-10", "title")]
    [InlineData("2025年上半年成绩单", "2025 H1", "2025-06-30", "2025-07-10", "slug")]
    [InlineData("2025年上半年成绩单", "-h1", "2025-06-30", "2025-07-10", "slug")]
    [InlineData("2025年上半年成绩单", "2025-h1", "2024-12-31", "2025-01-10", "asOf")]
    [InlineData("2025年上半年成绩单", "2025-h1", "2025-06-30", "2025-06-29", "publishedOn")]
    public void A_bad_edition_is_refused_at_its_field(string title, string slug, string asOf, string publishedOn, string field)
    {
        var program = Jinnan();
        var problems = Edition.Check(program, title, slug, Dates.Parse(asOf), Dates.Parse(publishedOn), []);

        Assert.Equal(field, Assert.Single(problems).Field);
    }

    [Fact]
    public void An_edition_must_come_after_the_last_and_have_its_own_address()
    {
        var program = Jinnan();
        var existing = new[] { Published(program, "2025-h1", June) };

        Assert.Contains(Edition.Check(program, "再来", "2025-h1", Dates.Parse("2025-07-31"), Dates.Parse("2025-08-01"), existing), p => p.Field == "slug");
        Assert.Contains(Edition.Check(program, "更早", "2025-05", Dates.Parse("2025-05-31"), Dates.Parse("2025-06-05"), existing), p => p.Field == "asOf");
        Assert.Empty(Edition.Check(program, "7月", "2025-07", Dates.Parse("2025-07-31"), Dates.Parse("2025-08-05"), existing));
    }

    [Fact]
    public void A_correction_approved_after_publication_is_listed_on_the_edition_with_its_reason()
    {
        var program = Jinnan();
        var edition = Published(program, "2025-h1", June);
        edition.PublishedAt = new DateTimeOffset(2025, 7, 10, 9, 0, 0, TimeSpan.FromHours(8));
        var road = program.Items.Single(i => i.Code == "05-1");
        var correction = Corrections.Of(road.Reports.Single(), "复核测量", v => v.Value);
        correction.ReviewedAt = edition.PublishedAt.AddDays(3);
        road.Reports.Add(correction);

        var listed = Assert.Single(EditionCorrections.Since(edition, program));
        Assert.Equal(("05-1", 2, "复核测量"), (listed.ItemCode, listed.Version, listed.Reason));
        Assert.Equal("05-1 截至2025年6月30日的进展已更正为第2版", listed.What);
    }
}
