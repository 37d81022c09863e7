using Minxin.Domain.Programs;
using Minxin.Domain.Progress;
using Minxin.Domain.Staff;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>Where each item stands in a round, per unit; and who may do what, on what.</summary>
public class RoundAndPermissionTests
{
    private static readonly DateOnly July = new(2025, 7, 31);

    private static LivelihoodProgram Program() => new ProgramBuilder()
        .Category(1, "工程", c => c
            .Item(1, "已完成的子项", i => i.Units("区住建委").Report("2025-06-30", ItemStatus.Completed))
            .Item(2, "已报送的子项", i => i.Units("区住建委").Report("2025-07-31", ItemStatus.InProgress, r => r.Review(ReviewState.Submitted)))
            .Item(3, "退回的子项", i => i.Units("区住建委").Report("2025-07-31", ItemStatus.InProgress, r => r.Review(ReviewState.Returned)))
            .Item(4, "没报的子项", i => i.Units("区教育局", "区住建委"))
            .Item(5, "通过的子项", i => i.Units("区教育局").Report("2025-07-31", ItemStatus.InProgress))
            .Item(6, "无牵头单位的子项"))
        .Build();

    private static ReportingRound Round(LivelihoodProgram program) =>
        new() { Program = program, Title = "2025年7月月报", AsOf = July, DueDate = new DateOnly(2025, 8, 5), OpenedBy = "民心办" };

    [Fact]
    public void The_round_overview_counts_each_lead_units_items_and_the_late_ones()
    {
        var program = Program();

        var beforeDue = RoundProgress.ByUnit(program.Items, Round(program), new DateOnly(2025, 8, 5));
        var afterDue = RoundProgress.ByUnit(program.Items, Round(program), new DateOnly(2025, 8, 6));

        var housing = beforeDue.Single(p => p.Unit?.Name == "区住建委");
        Assert.Equal((2, 0, 1, 1, 0, 0, 0), (housing.Items, housing.Approved, housing.Submitted, housing.Returned, housing.Draft, housing.Missing, housing.Late));
        var education = afterDue.Single(p => p.Unit?.Name == "区教育局");
        Assert.Equal((2, 1, 1, 1), (education.Items, education.Approved, education.Missing, education.Late));
        Assert.Equal(1, afterDue.Single(p => p.Unit?.Name == "区住建委").Late);
        Assert.Null(afterDue[^1].Unit);
    }

    [Fact]
    public void An_item_reported_completed_before_the_round_is_not_asked_again()
    {
        var program = Program();

        Assert.False(RoundProgress.MustReport(program.Items.First(), Round(program)));
        Assert.True(RoundProgress.MustReport(program.Items.Last(), Round(program)));
    }

    [Fact]
    public void A_round_is_checked_before_it_opens()
    {
        var program = Program();

        var problems = ReportingRound.Check(program, " ", new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 5), [Round(program)]);
        var clash = ReportingRound.Check(program, "7月月报", July, new DateOnly(2025, 8, 5), [Round(program)]);

        Assert.Equal(["title", "asOf"], problems.Select(p => p.Field));
        Assert.Contains("已有一个截至 2025-07-31 的轮次", Assert.Single(clash).Message);
    }

    [Theory]
    [InlineData(StaffRole.Admin, StaffAction.ManageUsers, true)]
    [InlineData(StaffRole.Admin, StaffAction.ViewReports, false)]
    [InlineData(StaffRole.Coordinator, StaffAction.ReviewReports, true)]
    [InlineData(StaffRole.Coordinator, StaffAction.WriteReports, false)]
    [InlineData(StaffRole.Coordinator, StaffAction.ManageUsers, false)]
    [InlineData(StaffRole.Reporter, StaffAction.WriteReports, true)]
    [InlineData(StaffRole.Reporter, StaffAction.ReviewReports, false)]
    [InlineData(StaffRole.Reporter, StaffAction.ViewPrograms, false)]
    [InlineData(StaffRole.Leader, StaffAction.ViewReports, true)]
    [InlineData(StaffRole.Leader, StaffAction.ReviewReports, false)]
    [InlineData(StaffRole.Leader, StaffAction.EditPrograms, false)]
    public void The_permissions_table_gives_each_role_its_work_and_no_more(StaffRole role, StaffAction action, bool allowed) =>
        Assert.Equal(allowed, Permissions.Allows(role, action));

    [Fact]
    public void Leaders_change_nothing()
    {
        var changes = new[]
        {
            StaffAction.EditPrograms, StaffAction.PublishPrograms, StaffAction.OpenRounds, StaffAction.WriteReports,
            StaffAction.ReviewReports, StaffAction.ManageUnits, StaffAction.ManageUsers,
        };

        Assert.DoesNotContain(changes, Permissions.Of(StaffRole.Leader).Contains);
    }

    [Fact]
    public void A_reporter_acts_only_on_items_its_unit_leads_or_cooperates_on_in_its_region()
    {
        var program = Program();
        program.RegionId = 5;
        var units = program.Items.SelectMany(i => i.Units).Select(u => u.Unit).Distinct().ToList();
        units.ForEach(u => u.Id = u.Name == "区住建委" ? 11 : 12);
        var housing = new StaffActor(1, "wangli", "王丽", StaffRole.Reporter, 5, 11, "区住建委");
        var elsewhere = housing with { RegionId = 6 };
        var coordinator = new StaffActor(2, "liming", "李明", StaffRole.Coordinator, 5, null, null);

        var items = program.Items.ToList();
        Assert.Equal([true, true, true, true, false, false], items.Select(i => housing.May(StaffAction.WriteReports, i)));
        Assert.All(items, i => Assert.False(elsewhere.May(StaffAction.WriteReports, i)));
        Assert.All(items, i => Assert.True(coordinator.May(StaffAction.ReviewReports, i)));
        Assert.All(items, i => Assert.False(coordinator.May(StaffAction.WriteReports, i)));
        Assert.Equal("区住建委 王丽", housing.AsReportActor().Name);
    }

    [Fact]
    public void A_cooperating_unit_reads_the_lead_units_report_on_their_item_but_does_not_rewrite_it()
    {
        var program = Program();
        program.RegionId = 5;
        program.Items.SelectMany(i => i.Units).Select(u => u.Unit).Distinct().ToList().ForEach(u => u.Id = u.Name == "区住建委" ? 11 : 12);
        var housing = new StaffActor(1, "wangli", "王丽", StaffRole.Reporter, 5, 11, "区住建委");
        var shared = program.Items.Single(i => i.Title == "没报的子项"); // led by 区教育局, 区住建委 co-operating
        ProgressReport By(int? unit) => new() { Item = shared, UnitId = unit, AsOf = new DateOnly(2025, 7, 31), SubmittedBy = "某单位 某人" };

        Assert.True(housing.May(StaffAction.ViewReports, By(12)));
        Assert.False(housing.May(StaffAction.WriteReports, By(12)));
        Assert.True(housing.May(StaffAction.WriteReports, By(11)));
        Assert.True(housing.May(StaffAction.WriteReports, shared));
    }
}
