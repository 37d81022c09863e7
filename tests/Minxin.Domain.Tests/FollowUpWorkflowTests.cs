using Minxin.Domain.FollowUps;
using Minxin.Domain.Programs;
using Minxin.Domain.Staff;
using Minxin.Testing;

namespace Minxin.Domain.Tests;

/// <summary>督办 without a database: issuing (number, requirement, deadline, unit), answering, sending back, closing; who may do which.</summary>
public class FollowUpWorkflowTests
{
    private static readonly DateOnly Today = new(2025, 8, 1);
    private static readonly DateTimeOffset Now = new(2025, 8, 1, 9, 30, 0, TimeSpan.FromHours(8));

    private static readonly StaffActor Coordinator = new(1, "liming", "李明", StaffRole.Coordinator, 5, null, null);
    private static readonly StaffActor Housing = new(2, "wangli", "王丽", StaffRole.Reporter, 5, 11, "区住建委");
    private static readonly StaffActor Education = new(3, "zhao", "赵强", StaffRole.Reporter, 5, 12, "区教育局");
    private static readonly StaffActor Leader = new(4, "boss", "张领导", StaffRole.Leader, 5, null, null);

    private static Item Item()
    {
        var program = new ProgramBuilder().Category(7, "便民工程", c => c.Item(1, "新增充电接口6000个", i => i.Units("区住建委", "区教育局"))).Build();
        program.RegionId = 5;
        program.Region.Name = "津南区";
        var item = program.Categories[0].Items[0];
        foreach (var link in item.Units)
        {
            link.Unit.Id = link.Unit.Name == "区住建委" ? 11 : 12;
            link.UnitId = link.Unit.Id;
        }
        return item;
    }

    private static ResponsibleUnit Unit(Item item, string name) => item.Units.Select(u => u.Unit).Single(u => u.Name == name);

    private static FollowUp Issued(Item? item = null)
    {
        item ??= Item();
        return FollowUpWorkflow.Issue(item, Unit(item, "区住建委"), new FollowUpOrder("津南民心督〔2025〕3号", "本月底前完成剩余800个充电接口建设", new DateOnly(2025, 8, 31)),
            [], Coordinator, Now, Today);
    }

    [Fact]
    public void Issuing_records_the_order_and_its_first_entry()
    {
        var followUp = Issued();

        Assert.Equal((FollowUpState.Issued, "津南民心督〔2025〕3号", 11), (followUp.State, followUp.Number, followUp.UnitId));
        var entry = Assert.Single(followUp.Entries);
        Assert.Equal((FollowUpAction.Issued, "本月底前完成剩余800个充电接口建设", "李明"), (entry.Action, entry.Text, entry.By));
    }

    [Fact]
    public void An_order_is_checked_field_by_field()
    {
        var item = Item();
        var outsider = new ResponsibleUnit { Id = 99, Code = "wlj", Name = "区文旅局", RegionId = 5 };

        var errors = FollowUpWorkflow.Check(item, outsider, new FollowUpOrder("督〔2025〕3号", "  ", new DateOnly(2025, 7, 31)), [], Today);

        Assert.Equal(["number", "requirement", "deadline", "unit"], errors.Select(e => e.Field));
        Assert.Contains(FollowUpWorkflow.NumberExample, errors[0].Message);
    }

    [Fact]
    public void A_number_is_used_once_in_a_program()
    {
        var item = Item();

        var errors = FollowUpWorkflow.Check(item, Unit(item, "区教育局"), new FollowUpOrder(" 津南民心督〔2025〕3号", "补报", Today), ["津南民心督〔2025〕3号"], Today);

        Assert.Contains("已经用过", Assert.Single(errors).Message);
    }

    [Fact]
    public void A_requirement_longer_than_the_limit_is_refused_and_today_is_a_valid_deadline()
    {
        var item = Item();

        var errors = FollowUpWorkflow.Check(item, Unit(item, "区住建委"), new FollowUpOrder("津南民心督〔2025〕1号", new string('要', FollowUp.MaxTextLength + 1), Today), [], Today);

        Assert.Equal("requirement", Assert.Single(errors).Field);
    }

    [Theory]
    [InlineData("津南民心督〔2025〕3号", true)]
    [InlineData("天津民心督〔2026〕12号", true)]
    [InlineData("津南民心督[2025]3号", false)]
    [InlineData("津南民心督〔2025〕03号", false)]
    [InlineData("津南民心督〔25〕3号", false)]
    [InlineData("津南民心督〔2025〕3", false)]
    public void Numbers_follow_the_official_form(string number, bool valid) =>
        Assert.Equal(valid, FollowUpWorkflow.ParseNumber(number) is not null);

    [Fact]
    public void The_suggested_number_is_the_next_of_the_region_and_year()
    {
        var region = new Region { Code = "120112", Name = "津南区" };

        Assert.Equal("津南民心督〔2025〕1号", FollowUpWorkflow.SuggestNumber(region, 2025, []));
        Assert.Equal("津南民心督〔2025〕8号", FollowUpWorkflow.SuggestNumber(region, 2025, ["津南民心督〔2025〕3号", "津南民心督〔2025〕7号", "津南民心督〔2024〕9号", "手写编号"]));
        Assert.Equal("津南民心督〔2026〕1号", FollowUpWorkflow.SuggestNumber(region, 2026, ["津南民心督〔2025〕7号"]));
    }

    [Theory]
    [InlineData("津南区", "津南")]
    [InlineData("天津市", "天津")]
    [InlineData("广西壮族自治区", "广西壮族")]
    [InlineData("城区", "城区")]
    public void A_regions_short_name_drops_its_level(string name, string shortName) =>
        Assert.Equal(shortName, new Region { Code = "1", Name = name }.ShortName);

    [Fact]
    public void The_unit_answers_the_coordinator_sends_back_the_unit_answers_again_and_it_is_closed()
    {
        var followUp = Issued();

        FollowUpWorkflow.Answer(followUp, Housing, "已完成5600个", Now.AddDays(1));
        FollowUpWorkflow.SendBack(followUp, Coordinator, "还差400个，请写明完成时间", Now.AddDays(2));
        Assert.True(followUp.IsOverdue(new DateOnly(2025, 9, 1)));
        FollowUpWorkflow.Answer(followUp, Housing, "已全部完成6000个", Now.AddDays(3));
        Assert.False(followUp.IsOverdue(new DateOnly(2025, 9, 1)));
        FollowUpWorkflow.Close(followUp, Coordinator, null, Now.AddDays(4));

        Assert.Equal(FollowUpState.Closed, followUp.State);
        Assert.Equal(Now.AddDays(4), followUp.ClosedAt);
        Assert.Equal([FollowUpAction.Issued, FollowUpAction.Answered, FollowUpAction.SentBack, FollowUpAction.Answered, FollowUpAction.Closed],
            followUp.Entries.Select(e => e.Action));
        Assert.Equal("区住建委 王丽", followUp.Entries[1].By);
        Assert.Equal(4, followUp.Revision);
        Assert.False(followUp.IsOverdue(new DateOnly(2026, 1, 1)));
    }

    [Fact]
    public void Only_the_addressed_unit_answers_and_only_with_text()
    {
        var followUp = Issued();

        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Answer(followUp, Education, "我们来答", Now));
        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Answer(followUp, Coordinator, "代答", Now));
        var empty = Assert.Throws<FollowUpInputException>(() => FollowUpWorkflow.Answer(followUp, Housing, " ", Now));
        Assert.Equal("text", Assert.Single(empty.Errors).Field);
        Assert.Equal(FollowUpState.Issued, followUp.State);
    }

    [Fact]
    public void An_answer_waits_for_the_coordinator_before_another()
    {
        var followUp = Issued();
        FollowUpWorkflow.Answer(followUp, Housing, "已完成", Now);

        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Answer(followUp, Housing, "再补充", Now));
        Assert.Same(followUp.Entries[^1], FollowUpWorkflow.PendingAnswer(followUp));
    }

    [Fact]
    public void Sending_back_needs_an_answer_a_reason_and_a_coordinator()
    {
        var followUp = Issued();

        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.SendBack(followUp, Coordinator, "不行", Now));
        FollowUpWorkflow.Answer(followUp, Housing, "已完成", Now);
        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.SendBack(followUp, Leader, "不行", Now));
        Assert.Equal("reason", Assert.Single(Assert.Throws<FollowUpInputException>(() => FollowUpWorkflow.SendBack(followUp, Coordinator, "", Now)).Errors).Field);
    }

    [Fact]
    public void Closing_an_unanswered_order_needs_a_reason_and_a_closed_one_takes_no_more_steps()
    {
        var followUp = Issued();

        Assert.Equal("note", Assert.Single(Assert.Throws<FollowUpInputException>(() => FollowUpWorkflow.Close(followUp, Coordinator, null, Now)).Errors).Field);
        FollowUpWorkflow.Close(followUp, Coordinator, "已在调度会上当面督办解决", Now);

        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Close(followUp, Coordinator, "再办结", Now));
        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Answer(followUp, Housing, "已完成", Now));
        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.SendBack(followUp, Coordinator, "退回", Now));
    }

    [Fact]
    public void Only_a_coordinator_issues()
    {
        var item = Item();

        Assert.Throws<FollowUpRuleException>(() => FollowUpWorkflow.Issue(item, Unit(item, "区住建委"),
            new FollowUpOrder("津南民心督〔2025〕3号", "要求", Today), [], Housing, Now, Today));
    }

    [Fact]
    public void A_reporter_sees_and_answers_only_its_own_units_follow_ups_in_its_region()
    {
        var followUp = Issued();

        Assert.True(Housing.May(StaffAction.AnswerFollowUps, followUp));
        Assert.False(Education.May(StaffAction.ViewFollowUps, followUp));
        Assert.False((Housing with { RegionId = 6 }).May(StaffAction.ViewFollowUps, followUp));
        Assert.True(Leader.May(StaffAction.ViewFollowUps, followUp));
        Assert.False(Leader.May(StaffAction.IssueFollowUps, followUp));
        Assert.True(Coordinator.May(StaffAction.IssueFollowUps, followUp));
        Assert.False(Coordinator.May(StaffAction.AnswerFollowUps, followUp));
    }
}
