using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Evaluation;

public class GoalRollupTests
{
    private static readonly Plan Plan = new(1, "plan", "Plan", "0901", "2019-2026", PlanStatus.Active, ["AREA"]);

    private static Goal Goal(long id, string key, long? parent = null) =>
        new(id, 1, parent, parent is null ? GoalKind.Strategic : GoalKind.SubGoal, key, $"Mål {key}", null, null, "Bestyrelsen");

    private static readonly Dictionary<string, IReadOnlyList<Observation>> SeriesByStatus = new()
    {
        ["achieved"] = Yearly((2018, 50), (2020, 39)),
        ["atRisk"] = Yearly((2018, 50), (2020, 49), (2022, 48)),
        ["offTrack"] = Yearly((2018, 50), (2020, 51), (2022, 52)),
        ["none"] = Yearly((2018, 50)),
    };

    [Test]
    public void Goal_score_is_the_weighted_mean_of_scored_targets_with_sub_goals_rolled_in()
    {
        // Goal 1: achieved (w 1) + at risk (w 2); its sub-goal 2: off track (w 1) + insufficient data (w 1, not scored).
        // Score = (1·1 + 0.5·2 + 0·1) / (1 + 2 + 1) = 0.5 → at risk (0.4 ≤ 0.5 < 0.75).
        Goal[] goals = [Goal(1, "M1"), Goal(2, "M1.1", parent: 1)];
        Target[] targets =
        [
            Target(id: 1, goalId: 1, weight: 1) with { Subgroup = "achieved" },
            Target(id: 2, goalId: 1, weight: 2) with { Subgroup = "atRisk" },
            Target(id: 3, goalId: 2, weight: 1) with { Subgroup = "offTrack" },
            Target(id: 4, goalId: 2, weight: 1) with { Subgroup = "none" },
        ];

        var plan = Evaluate(goals, targets);

        var goal = plan.Goals.Single();
        Assert.That(goal.Score, Is.EqualTo(0.5).Within(1e-12));
        Assert.That(goal.Status, Is.EqualTo(TargetStatus.AtRisk));
        Assert.That(goal.Counts, Is.EqualTo(new StatusCounts(1, 0, 1, 1, 1)));
        Assert.That(goal.SubGoals.Single().Score, Is.EqualTo(0));
    }

    [Test]
    public void Goals_that_need_the_board_come_first()
    {
        Goal[] goals = [Goal(1, "M1"), Goal(2, "M2"), Goal(3, "M3"), Goal(4, "M4")];
        Target[] targets =
        [
            Target(id: 1, goalId: 1) with { Subgroup = "achieved" },
            Target(id: 2, goalId: 2) with { Subgroup = "offTrack" },
            Target(id: 3, goalId: 3) with { Subgroup = "atRisk" },
        ];

        var plan = Evaluate(goals, targets);

        Assert.That(plan.Goals.Select(g => g.Goal.Key), Is.EqualTo(new[] { "M2", "M3", "M1", "M4" }));
        Assert.That(plan.NeedsAction.Select(g => g.Goal.Key), Is.EqualTo(new[] { "M2", "M3" }));
        Assert.That(plan.Goals[^1].Status, Is.EqualTo(TargetStatus.InsufficientData), "a goal without targets has no score");
    }

    [Test]
    public void A_goal_with_one_target_achieved_and_three_without_data_has_too_few_data_not_achieved()
    {
        Goal[] goals = [Goal(1, "M1")];
        Target[] targets =
        [
            Target(id: 1, goalId: 1) with { Subgroup = "achieved" },
            Target(id: 2, goalId: 1) with { Subgroup = "none" },
            Target(id: 3, goalId: 1) with { Subgroup = "none" },
            Target(id: 4, goalId: 1) with { Subgroup = "none" },
        ];

        var goal = Evaluate(goals, targets).Goals.Single();

        Assert.That(goal.Status, Is.EqualTo(TargetStatus.InsufficientData));
        Assert.That(goal.Counts, Is.EqualTo(new StatusCounts(1, 0, 0, 0, 3)), "the counts are still shown");
        Assert.That(Monitoring.Api.Dashboard.Html.Counts(goal.Counts), Is.EqualTo("4 succeskriterier: 1 nået, 3 for få data"));
    }

    [Test]
    public void A_goal_is_achieved_only_when_every_measured_target_is()
    {
        Goal[] goals = [Goal(1, "M1"), Goal(2, "M2")];
        Target[] targets =
        [
            Target(id: 1, goalId: 1) with { Subgroup = "achieved" },
            Target(id: 2, goalId: 1) with { Subgroup = "achieved" },
            Target(id: 3, goalId: 1) with { Subgroup = "none" },
            Target(id: 4, goalId: 2) with { Subgroup = "achieved" },
            Target(id: 5, goalId: 2) with { Subgroup = "achieved" },
            Target(id: 6, goalId: 2) with { Subgroup = "achieved" },
            Target(id: 7, goalId: 2) with { Subgroup = "atRisk" },
        ];

        var plan = Evaluate(goals, targets);

        Assert.That(plan.Goals.Single(g => g.Goal.Key == "M1").Status, Is.EqualTo(TargetStatus.Achieved), "one of three without data is not more than half");
        var m2 = plan.Goals.Single(g => g.Goal.Key == "M2");
        Assert.That(m2.Score, Is.EqualTo(0.875).Within(1e-12));
        Assert.That(m2.Status, Is.EqualTo(TargetStatus.OnTrack), "one target at risk: on track by score, not achieved");
    }

    private static PlanEvaluation Evaluate(Goal[] goals, Target[] targets) =>
        PlanEvaluation.Evaluate(Plan, goals, targets, new Dictionary<string, Indicator> { ["BESK"] = OutsideLabourMarket },
            t => (SeriesByStatus[t.Subgroup], null), asOf: null);
}
