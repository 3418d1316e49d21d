using Monitoring.Core.Chain;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;

namespace Monitoring.Tests.Core.Chain;

/// <summary>The three proposal rules at their boundaries.</summary>
public class ChainProposalRulesTests
{
    /// <summary>The day judged: the test activities run 2024–2026, so none is past its end.</summary>
    private static readonly DateOnly Today = new(2025, 6, 1);

    private static GoalEvaluation GoalAt(long id, TargetStatus status, double? score, params GoalEvaluation[] subGoals) =>
        new(new Goal(id, 1, null, GoalKind.Strategic, $"M{id}", $"Mål {id}", null, null, "Bestyrelsen"),
            score, status, new StatusCounts(0, 0, 0, 0, 0), [], subGoals);

    private static GoalEvaluation SubGoalAt(long id, long parent, TargetStatus status) =>
        new(new Goal(id, 1, parent, GoalKind.SubGoal, $"M{parent}.{id}", $"Delmål {id}", null, "Fokus", "Styregruppe"),
            null, status, new StatusCounts(0, 0, 0, 0, 0), [], []);

    private static Activity Act(long id, string status, string partner = "Jobcentret", params BudgetYear[] budget) =>
        new(id, 1, $"Aktivitet {id}", null, partner, new DateOnly(2024, 1, 1), new DateOnly(2026, 12, 31), status, [], budget, [],
            DateTimeOffset.UnixEpoch, "test");

    private static SubAgreement Serving(long[] goalIds, params Activity[] activities) =>
        new(1, "p", "Delaftale", null, "Styregruppe", "2024-2026", goalIds, activities);

    private static IReadOnlyList<ChainProposal> Of(string type, IReadOnlyList<ChainProposal> proposals) =>
        proposals.Where(p => p.DecisionType == type).ToList();

    [Test]
    public void A_goal_just_at_risk_with_every_activity_on_schedule_raises_a_strategic_question()
    {
        var goal = GoalAt(1, TargetStatus.AtRisk, GoalEvaluation.AtRiskFrom);

        var proposals = ChainProposalRules.Propose([goal], [Serving([1], Act(1, ActivityStatus.Running), Act(2, ActivityStatus.Finished, "Boligselskabet"))], Today);

        var strategic = Of(ChainProposalRules.Strategic, proposals).Single();
        Assert.That(strategic.GoalId, Is.EqualTo(1));
        Assert.That(strategic.ActivityIds, Is.EqualTo(new long[] { 1, 2 }));
        Assert.That(strategic.Evidence[0], Does.Contain("i risiko").And.Contain("score 40 %"));
        Assert.That(strategic.Evidence, Has.Some.Contains("Aktivitet 2"));
    }

    [Test]
    public void A_goal_on_track_or_with_a_delayed_activity_or_without_activities_raises_no_strategic_question()
    {
        var onTrack = ChainProposalRules.Propose([GoalAt(1, TargetStatus.OnTrack, GoalEvaluation.OnTrackFrom)], [Serving([1], Act(1, ActivityStatus.Running))], Today);
        var oneDelayed = ChainProposalRules.Propose([GoalAt(1, TargetStatus.OffTrack, 0.1)], [Serving([1], Act(1, ActivityStatus.Running), Act(2, ActivityStatus.Delayed, "Skolen"), Act(3, ActivityStatus.Running, "Skolen"))], Today);
        var noActivities = ChainProposalRules.Propose([GoalAt(1, TargetStatus.OffTrack, 0.1)], [Serving([2], Act(1, ActivityStatus.Running))], Today);

        Assert.That(Of(ChainProposalRules.Strategic, onTrack), Is.Empty);
        Assert.That(Of(ChainProposalRules.Strategic, oneDelayed), Is.Empty);
        Assert.That(Of(ChainProposalRules.Strategic, noActivities), Is.Empty);
    }

    [Test]
    public void Activities_serving_a_sub_goal_count_for_its_strategic_goal_and_the_sub_goal_is_not_proposed_twice()
    {
        var goal = GoalAt(1, TargetStatus.OffTrack, 0.2, SubGoalAt(11, 1, TargetStatus.OffTrack));

        var proposals = ChainProposalRules.Propose([goal], [Serving([11], Act(5, ActivityStatus.Planned))], Today);

        Assert.That(Of(ChainProposalRules.Strategic, proposals).Select(p => p.GoalId), Is.EqualTo(new long?[] { 1 }));
    }

    [Test]
    public void One_activity_of_two_delayed_raises_a_cooperation_question_and_one_of_three_does_not()
    {
        var two = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Delayed, "Boligselskabet Ø"), Act(2, ActivityStatus.Running, "boligselskabet ø"))], Today);
        var three = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Stopped, "Skolen"), Act(2, ActivityStatus.Running, "Skolen"), Act(3, ActivityStatus.Planned, "Skolen"))], Today);

        var cooperation = Of(ChainProposalRules.Cooperation, two).Single();
        Assert.That(cooperation.Key, Is.EqualTo("samarbejde-partner-boligselskabet-oe"));
        Assert.That(cooperation.ActivityIds, Is.EqualTo(new long[] { 1 }));
        Assert.That(cooperation.Evidence[0], Does.StartWith("1 af 2 aktiviteter"));
        Assert.That(Of(ChainProposalRules.Cooperation, three), Is.Empty);
    }

    [Test]
    public void A_cooperation_question_is_put_under_the_goal_its_activities_serve_preferring_one_that_needs_action()
    {
        var goals = new[] { GoalAt(1, TargetStatus.OnTrack, 0.9), GoalAt(2, TargetStatus.OffTrack, 0.1, SubGoalAt(21, 2, TargetStatus.OffTrack)) };

        var proposals = ChainProposalRules.Propose(goals, [Serving([1, 21], Act(1, ActivityStatus.Stopped, "Skolen"))], Today);

        Assert.That(Of(ChainProposalRules.Cooperation, proposals).Single().GoalId, Is.EqualTo(2));
    }

    [Test]
    public void Spending_above_plan_raises_a_priority_question_and_spending_exactly_the_plan_does_not()
    {
        var above = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Running, "X", new BudgetYear(2024, 100_000, 100_001)))], Today);
        var exactly = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Running, "X", new BudgetYear(2024, 100_000, 100_000)))], Today);

        var priority = Of(ChainProposalRules.Priority, above).Single();
        Assert.That(priority.Key, Is.EqualTo("prioritering-activity-1"));
        Assert.That(priority.Evidence, Has.Some.Contains("2024: brugt 100.001 kr. af planlagt 100.000 kr."));
        Assert.That(Of(ChainProposalRules.Priority, exactly), Is.Empty);
    }

    [Test]
    public void A_delayed_activity_that_has_spent_its_budget_raises_a_priority_question_and_one_with_money_left_does_not()
    {
        var spent = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Delayed, "X", new BudgetYear(2024, 50_000, 50_000), new BudgetYear(2025, 50_000, 50_000)))], Today);
        var left = ChainProposalRules.Propose([], [Serving([], Act(1, ActivityStatus.Delayed, "X", new BudgetYear(2024, 50_000, 50_000), new BudgetYear(2025, 50_000, 49_999)))], Today);

        Assert.That(Of(ChainProposalRules.Priority, spent).Single().Evidence, Has.Some.Contains("bagud (forsinket) og har brugt 100.000 kr.").And.None.Contains("kr.."));
        Assert.That(Of(ChainProposalRules.Priority, left), Is.Empty);
    }

    [Test]
    public void An_activity_reported_on_schedule_but_past_a_milestone_or_its_end_is_behind_and_raises_no_strategic_question()
    {
        var goal = GoalAt(1, TargetStatus.OffTrack, 0.1);
        var overdueMilestone = Act(1, ActivityStatus.Running) with { Milestones = [new Monitoring.Core.Chain.Milestone("Evaluering", new DateOnly(2025, 5, 31), Done: false)] };
        var dueToday = Act(1, ActivityStatus.Running) with { Milestones = [new Monitoring.Core.Chain.Milestone("Evaluering", Today, Done: false)] };
        var pastEnd = Act(1, ActivityStatus.Planned) with { End = new DateOnly(2025, 5, 31) };

        Assert.That(Of(ChainProposalRules.Strategic, ChainProposalRules.Propose([goal], [Serving([1], overdueMilestone)], Today)), Is.Empty);
        Assert.That(Of(ChainProposalRules.Strategic, ChainProposalRules.Propose([goal], [Serving([1], dueToday)], Today)), Has.Count.EqualTo(1),
            "a milestone due today is not overdue yet");
        Assert.That(Of(ChainProposalRules.Strategic, ChainProposalRules.Propose([goal], [Serving([1], pastEnd)], Today)), Is.Empty);
        Assert.That(pastEnd.BehindAt(Today), Has.Some.Contains("slutdatoen 31-05-2025 er passeret"));
        Assert.That(overdueMilestone.BehindAt(Today), Has.Some.Contains("milepælen \"Evaluering\" (frist 31-05-2025) er overskredet"));
    }

    [Test]
    public void A_partner_whose_activities_are_past_their_end_date_raises_a_cooperation_question_naming_why()
    {
        var pastEnd = Act(1, ActivityStatus.Planned, "Skolen") with { End = new DateOnly(2025, 1, 31) };
        var running = Act(2, ActivityStatus.Running, "Skolen");

        var cooperation = Of(ChainProposalRules.Cooperation, ChainProposalRules.Propose([], [Serving([], pastEnd, running)], Today)).Single();

        Assert.That(cooperation.ActivityIds, Is.EqualTo(new long[] { 1 }));
        Assert.That(cooperation.Evidence, Has.Some.Contains("slutdatoen 31-01-2025 er passeret"));
    }
}
