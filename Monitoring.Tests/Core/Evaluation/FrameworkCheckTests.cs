using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Core.Evaluation;

public class FrameworkCheckTests
{
    private static Goal Goal(long id) => new(id, 1, null, GoalKind.Strategic, $"M{id}", $"Mål {id}", null, null, "Bestyrelsen");

    private static readonly Dictionary<string, Indicator> Indicators = new()
    {
        ["BESK"] = OutsideLabourMarket,
        ["INDK"] = OutsideLabourMarket with { Code = "INDK", Name = "Indkomst", Influenceable = false },
    };

    [Test]
    public void A_sound_framework_has_no_warnings()
    {
        var warnings = FrameworkCheck.Check([Goal(1)], [Target(goalId: 1)], Indicators);

        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void Too_many_strategic_goals_is_named_with_the_count()
    {
        var goals = Enumerable.Range(1, 6).Select(i => Goal(i)).ToList();
        var targets = goals.Select(g => Target(goalId: g.Id, id: g.Id)).ToList();

        var warnings = FrameworkCheck.Check(goals, targets, Indicators);

        Assert.That(warnings.Single().Code, Is.EqualTo("tooManyGoals"));
        Assert.That(warnings.Single().MessageDa, Does.Contain("6 strategiske mål"));
    }

    [Test]
    public void The_limits_are_configurable()
    {
        var warnings = FrameworkCheck.Check([Goal(1), Goal(2)], [Target(goalId: 1), Target(goalId: 2, id: 2)], Indicators,
            new FrameworkLimits(MaxStrategicGoals: 1));

        Assert.That(warnings.Single().Code, Is.EqualTo("tooManyGoals"));
    }

    [Test]
    public void Too_many_indicators_on_one_goal_is_named_with_the_goal()
    {
        var targets = Enumerable.Range(1, 5).Select(i => Target(goalId: 1, id: i) with { IndicatorCode = $"I{i}" }).ToList();

        var warnings = FrameworkCheck.Check([Goal(1)], targets, Indicators);

        var warning = warnings.Single(w => w.Code == "tooManyIndicators");
        Assert.That(warning.GoalId, Is.EqualTo(1));
        Assert.That(warning.MessageEn, Does.Contain("5 indicators"));
    }

    [Test]
    public void Unmeasurable_incomplete_and_uninfluenceable_targets_are_each_warned_about()
    {
        Target[] targets =
        [
            Target(goalId: 1, id: 10, baseline: null) with { BaselinePeriod = null },
            Target(goalId: 1, id: 11, target: null),
            Target(goalId: 1, id: 12) with { IndicatorCode = "INDK" },
        ];

        var warnings = FrameworkCheck.Check([Goal(1), Goal(2)], targets, Indicators);

        Assert.That(warnings.Select(w => (w.Code, w.GoalId, w.TargetId)), Is.EquivalentTo(new (string, long?, long?)[]
        {
            ("missingBaseline", 1, 10),
            ("missingTargetValue", 1, 11),
            ("notInfluenceable", 1, 12),
            ("noMeasurableIndicator", 2, null),
        }));
    }
}
