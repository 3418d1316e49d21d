using Monitoring.Api.Http;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;

namespace Monitoring.Api.Extracts;

/// <summary>
/// <c>target-evaluations.csv</c>: every target of the plans the caller may see, one a row, with its
/// goal, indicator and area named, the status and the figures behind it.
/// </summary>
public static class TargetEvaluationsExtract
{
    public static readonly string[] English =
    [
        "plan", "planName", "goal", "goalTitle", "targetId", "indicator", "indicatorName", "unit", "area", "areaName", "subgroup",
        "status", "uncertain", "baselinePeriod", "baseline", "latestPeriod", "latest", "targetPeriod", "target", "progress",
        "expectedProgress", "projection", "explanation",
    ];

    public static readonly string[] Danish =
    [
        "plan", "plannavn", "mål", "måltitel", "succeskriterium-id", "indikator", "indikatornavn", "enhed", "område", "områdenavn",
        "undergruppe", "status", "usikker", "baselineperiode", "baseline", "seneste periode", "seneste værdi", "målperiode", "målværdi",
        "fremdrift", "forventet fremdrift", "fremskrivning", "forklaring",
    ];

    private const string Number = "0.####";

    public static async Task WriteAsync(
        CsvChunkWriter csv, ExtractWords words, IReadOnlyList<(Plan Plan, PlanEvaluation Evaluation)> plans,
        IReadOnlyDictionary<string, Indicator> indicators, IReadOnlyDictionary<string, Scope> areas, CancellationToken cancellationToken)
    {
        var writer = csv.Writer;
        writer.WriteHeader(words.Header(English, Danish));
        foreach (var (plan, evaluation) in plans)
        {
            foreach (var goal in evaluation.Goals.SelectMany(g => g.SubGoals.Prepend(g)))
            {
                foreach (var target in goal.Targets)
                {
                    var indicator = indicators.GetValueOrDefault(target.IndicatorCode);
                    writer.WriteField(plan.Slug);
                    writer.WriteField(plan.Name);
                    writer.WriteField(goal.Goal.Key);
                    writer.WriteField(goal.Goal.Title);
                    writer.WriteField(target.TargetId, "0");
                    writer.WriteField(target.IndicatorCode);
                    writer.WriteField(indicator?.Name);
                    writer.WriteField(indicator is null ? null : words.Unit(indicator.Unit));
                    writer.WriteField(target.ScopeCode);
                    writer.WriteField(areas.GetValueOrDefault(target.ScopeCode)?.Name);
                    writer.WriteField(target.Subgroup);
                    writer.WriteField(words.Status(target.Status));
                    writer.WriteField(words.YesNo(target.Uncertain));
                    writer.WriteField(target.Baseline?.Period.ToString());
                    writer.WriteField(target.Baseline?.Value, Number);
                    writer.WriteField(target.Latest?.Period.ToString());
                    writer.WriteField(target.Latest?.Value, Number);
                    writer.WriteField(target.Target?.Period.ToString());
                    writer.WriteField(target.Target?.Value, Number);
                    writer.WriteField(target.Progress, Number);
                    writer.WriteField(target.ExpectedProgress, Number);
                    writer.WriteField(target.ProjectionAtTarget, Number);
                    writer.WriteField(words.Danish ? target.ExplanationDa : target.ExplanationEn);
                    writer.EndRecord();
                }
            }
            await csv.FlushAsync(cancellationToken);
        }
    }
}
