using System.Globalization;
using System.Text;
using Monitoring.Core.Evaluation;

namespace Monitoring.Core.Chain;

/// <summary>
/// The handbook's three matters for the board, proposed from the goals' evaluation and the
/// activities' reported status and spending:
/// <list type="bullet">
/// <item>strategic: a goal off track or at risk while every activity serving it (directly or through
/// a sub-goal) is on schedule — the activities run as agreed yet do not move the goal;</item>
/// <item>cooperation: a partner with at least half of its activities behind (one of two is
/// enough; one of three is not) — a single slip among many is the steering group's matter;</item>
/// <item>priority: an activity that spent more than planned in some year, or one behind that
/// has spent its whole budget — resources were underestimated.</item>
/// An activity is behind when it is reported delayed or stopped, or when on the day judged its end
/// date or a milestone has passed undone (<see cref="Activity.BehindAt"/>): a page that marks a
/// milestone overdue must not call the same activity "som planlagt".
/// </list>
/// A goal without activities raises nothing: there is no chain to question. A cooperation or
/// priority question is put under the strategic goal its activities serve (one that needs action
/// first), because the brief lists the board's matters goal by goal.
/// </summary>
public static class ChainProposalRules
{
    public const string Strategic = "strategisk";
    public const string Cooperation = "samarbejde";
    public const string Priority = "prioritering";

    /// <param name="judgedAt">The day the activities' dates are judged on: today, or the last day of asOf.</param>
    public static IReadOnlyList<ChainProposal> Propose(IReadOnlyList<GoalEvaluation> strategicGoals, IReadOnlyList<SubAgreement> subAgreements, DateOnly judgedAt)
    {
        var activities = subAgreements.SelectMany(s => s.Activities).ToList();
        var goalOf = GoalOfActivities(strategicGoals, subAgreements);
        return
        [
            .. ProposeStrategic(strategicGoals, subAgreements, judgedAt),
            .. ProposeCooperation(activities, goalOf, judgedAt),
            .. ProposePriority(activities, goalOf, judgedAt),
        ];
    }

    /// <summary>The strategic goal a set of activities serves through their sub-agreements: one that needs action first, then by key.</summary>
    private static Func<IEnumerable<Activity>, long?> GoalOfActivities(IReadOnlyList<GoalEvaluation> strategicGoals, IReadOnlyList<SubAgreement> subAgreements)
    {
        var ordered = strategicGoals.OrderBy(g => g.NeedsAction ? 0 : 1).ThenBy(g => g.Goal.Key, StringComparer.Ordinal).ToList();
        return activities =>
        {
            var served = activities
                .SelectMany(a => subAgreements.Where(s => s.Id == a.SubAgreementId).SelectMany(s => s.GoalIds))
                .ToHashSet();
            return ordered.FirstOrDefault(g => served.Contains(g.Goal.Id) || g.SubGoals.Any(s => served.Contains(s.Goal.Id)))?.Goal.Id;
        };
    }

    private static IEnumerable<ChainProposal> ProposeStrategic(IReadOnlyList<GoalEvaluation> strategicGoals, IReadOnlyList<SubAgreement> subAgreements, DateOnly judgedAt)
    {
        IReadOnlyList<Activity> Serving(long goalId) =>
            subAgreements.Where(s => s.GoalIds.Contains(goalId)).SelectMany(s => s.Activities).ToList();

        foreach (var goal in strategicGoals.OrderBy(g => g.Goal.Key, StringComparer.Ordinal))
        {
            var serving = Serving(goal.Goal.Id).Concat(goal.SubGoals.SelectMany(s => Serving(s.Goal.Id))).DistinctBy(a => a.Id).ToList();
            if (StrategicQuestion(goal, serving, judgedAt) is { } proposal)
            {
                yield return proposal;
                continue;
            }
            // A sub-goal is proposed on its own only when its strategic goal was not.
            foreach (var subGoal in goal.SubGoals.OrderBy(g => g.Goal.Key, StringComparer.Ordinal))
            {
                if (StrategicQuestion(subGoal, Serving(subGoal.Goal.Id), judgedAt) is { } sub)
                    yield return sub;
            }
        }
    }

    private static ChainProposal? StrategicQuestion(GoalEvaluation goal, IReadOnlyList<Activity> serving, DateOnly judgedAt)
    {
        if (!goal.NeedsAction || serving.Count == 0 || !serving.All(a => a.OnScheduleAt(judgedAt)))
            return null;
        var evidence = new List<string>
        {
            $"Målet {goal.Goal.Key} \"{goal.Goal.Title}\" er {TargetStatusText.Danish(goal.Status)}" +
            (goal.Score is { } score ? $" (score {ValueFormat.Percent(score)})." : "."),
        };
        evidence.AddRange(serving.OrderBy(a => a.Id).Select(a => $"Aktiviteten \"{a.Title}\" ({a.Partner}) er {ActivityStatus.Label(a.Status)}."));
        return new ChainProposal(
            $"{Strategic}-goal-{goal.Goal.Id}", Strategic,
            $"Aktiviteterne under målet {goal.Goal.Key} \"{goal.Goal.Title}\" forløber som planlagt, men målet er {TargetStatusText.Danish(goal.Status)}. " +
            "Vil bestyrelsen ændre i aktiviteterne?",
            goal.Goal.Id, serving.Select(a => a.Id).Order().ToList(), evidence);
    }

    private static IEnumerable<ChainProposal> ProposeCooperation(IReadOnlyList<Activity> activities, Func<IEnumerable<Activity>, long?> goalOf, DateOnly judgedAt)
    {
        foreach (var partner in activities.GroupBy(a => a.Partner.Trim(), StringComparer.OrdinalIgnoreCase).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var behind = partner.Where(a => !a.OnScheduleAt(judgedAt)).OrderBy(a => a.Id).ToList();
            var total = partner.Count();
            if (behind.Count == 0 || 2 * behind.Count < total)
                continue;
            var evidence = behind.Select(a => $"Aktiviteten \"{a.Title}\": {string.Join("; ", a.BehindAt(judgedAt))} (ansvarlig: {a.Partner}).").ToList();
            evidence.Insert(0, $"{behind.Count} af {total} aktiviteter med {partner.Key} som ansvarlig er bagud (forsinket, stoppet eller over en frist).");
            yield return new ChainProposal(
                $"{Cooperation}-partner-{Slug(partner.Key)}", Cooperation,
                $"{partner.Key} lever ikke op til delaftalerne: {behind.Count} af {total} aktiviteter er bagud. " +
                "Vil bestyrelsen tage samarbejdet op?",
                goalOf(behind), behind.Select(a => a.Id).ToList(), evidence);
        }
    }

    private static IEnumerable<ChainProposal> ProposePriority(IReadOnlyList<Activity> activities, Func<IEnumerable<Activity>, long?> goalOf, DateOnly judgedAt)
    {
        foreach (var activity in activities.OrderBy(a => a.Id))
        {
            // Amounts end in "kr.", which also ends the sentence.
            var evidence = activity.Budget.Where(b => b.Spent > b.Planned).OrderBy(b => b.Year)
                .Select(b => $"{b.Year}: brugt {Kroner(b.Spent)} af planlagt {Kroner(b.Planned)}")
                .ToList();
            var behind = activity.Status != ActivityStatus.Stopped && !activity.OnScheduleAt(judgedAt);
            var spentWhileBehind = behind && activity.PlannedTotal > 0 && activity.SpentTotal >= activity.PlannedTotal;
            if (spentWhileBehind)
                evidence.Add($"Aktiviteten er bagud ({string.Join("; ", activity.BehindAt(judgedAt))}) og har brugt {Kroner(activity.SpentTotal)} af et samlet budget på {Kroner(activity.PlannedTotal)}");
            if (evidence.Count == 0)
                continue;
            evidence.Insert(0, $"Aktiviteten \"{activity.Title}\" ({activity.Partner}) er {ActivityStatus.Label(activity.Status)}.");
            yield return new ChainProposal(
                $"{Priority}-activity-{activity.Id}", Priority,
                $"Ressourcerne til aktiviteten \"{activity.Title}\" er undervurderet. Vil bestyrelsen prioritere flere midler eller ændre aktiviteten?",
                goalOf([activity]), [activity.Id], evidence);
        }
    }

    private static string Kroner(decimal amount) =>
        amount.ToString("#,##0", CultureInfo.GetCultureInfo("da-DK")) + " kr.";

    /// <summary>A partner's name as a key part: lower case ASCII letters and digits, Danish letters spelled out.</summary>
    public static string Slug(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            _ = c switch
            {
                'æ' => builder.Append("ae"),
                'ø' => builder.Append("oe"),
                'å' => builder.Append("aa"),
                _ when char.IsAsciiLetterOrDigit(c) => builder.Append(c),
                _ when builder.Length > 0 && builder[^1] != '-' => builder.Append('-'),
                _ => builder,
            };
        }
        return builder.ToString().TrimEnd('-');
    }
}
