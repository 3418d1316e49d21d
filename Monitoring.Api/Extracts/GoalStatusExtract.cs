using Monitoring.Api.Http;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;

namespace Monitoring.Api.Extracts;

/// <summary>
/// <c>goal-status.csv</c>: every strategic goal and sub-goal of the plans the caller may see, in the
/// board's order, with score, status and how many targets stand where.
/// </summary>
public static class GoalStatusExtract
{
    public static readonly string[] English =
    [
        "plan", "planName", "goal", "goalTitle", "kind", "parentGoal", "score", "status", "achieved", "onTrack", "atRisk", "offTrack",
        "insufficientData",
    ];

    public static readonly string[] Danish =
    [
        "plan", "plannavn", "mål", "måltitel", "type", "overordnet mål", "score", "status", "nået", "på sporet", "i risiko",
        "ikke på sporet", "for få data",
    ];

    public static async Task WriteAsync(
        CsvChunkWriter csv, ExtractWords words, IReadOnlyList<(Plan Plan, PlanEvaluation Evaluation)> plans, CancellationToken cancellationToken)
    {
        var writer = csv.Writer;
        writer.WriteHeader(words.Header(English, Danish));
        foreach (var (plan, evaluation) in plans)
        {
            foreach (var strategic in evaluation.Goals)
            {
                foreach (var goal in strategic.SubGoals.Prepend(strategic))
                {
                    writer.WriteField(plan.Slug);
                    writer.WriteField(plan.Name);
                    writer.WriteField(goal.Goal.Key);
                    writer.WriteField(goal.Goal.Title);
                    writer.WriteField(words.GoalKind(goal.Goal.Kind));
                    writer.WriteField(goal == strategic ? null : strategic.Goal.Key);
                    writer.WriteField(goal.Score, "0.####");
                    writer.WriteField(words.Status(goal.Status));
                    writer.WriteField(goal.Counts.Achieved, "0");
                    writer.WriteField(goal.Counts.OnTrack, "0");
                    writer.WriteField(goal.Counts.AtRisk, "0");
                    writer.WriteField(goal.Counts.OffTrack, "0");
                    writer.WriteField(goal.Counts.InsufficientData, "0");
                    writer.EndRecord();
                }
            }
            await csv.FlushAsync(cancellationToken);
        }
    }
}
