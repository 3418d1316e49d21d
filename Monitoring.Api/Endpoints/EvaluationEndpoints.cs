using System.Globalization;
using System.Text.Json;
using CsvHelper;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>Goal status, target evaluations and the goal-framework check.</summary>
public static class EvaluationEndpoints
{
    public static void MapEvaluationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/status", PlanStatusAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Goal status")
            .WithName("GetPlanStatus")
            .Produces<PlanStatusDto>()
            .ProducesCsv()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Strategic goals (with sub-goals) in the order the board should take them, with scores, status counts and every target's evaluation; asOf reproduces an earlier picture.");
        api.MapGet("/targets/{id:long}/evaluation", TargetEvaluationAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Goal status")
            .WithName("GetTargetEvaluation")
            .Produces<TargetEvaluation>()
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("One target: series, trend statistics, trajectory, projection, status and explanation.");
        api.MapGet("/plans/{slug}/checks", ChecksAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Goal status")
            .WithName("GetPlanChecks")
            .Produces<IReadOnlyList<FrameworkWarning>>()
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Goal-framework warnings: too many goals or indicators, unmeasurable or incomplete targets, indicators the plan cannot influence.");
    }

    private static async Task<IResult> PlanStatusAsync(
        string slug, string? asOf, string? dialect, HttpRequest request, PlanEvaluationCache evaluations, DataVersionETag etags,
        IOptions<JsonOptions> json, CancellationToken cancellationToken)
    {
        if (!PeriodParameter.TryParse("asOf", asOf, out var period, out var problem) || !ResponseFormat.TryWantsCsv(request, out var csv, out problem)
            || !CsvDialect.TryParse(dialect, out var csvDialect))
        {
            return problem ?? Problems.BadParameter("dialect", dialect, "Use dialect=da (semicolon, decimal comma) or leave it out.");
        }
        // The dialect only shapes CSV; JSON leaves it out so ?dialect=da does not split the client's cache.
        var tag = await etags.ForAsync(request.HttpContext, "plan-status",
            [slug, period?.ToString(), csv ? "csv" : "json", csv ? csvDialect.Name : null], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(request.HttpContext);
        var body = await etags.BodyAsync(tag, async () =>
            await evaluations.EvaluatePlanAsync(slug, period, tag.Version, cancellationToken) is { } evaluation
                ? csv ? StatusCsv(evaluation, csvDialect) : JsonSerializer.SerializeToUtf8Bytes(PlanStatusDto.From(evaluation), json.Value.SerializerOptions)
                : null);
        if (body is null)
            return Problems.NotFound("Plan", slug);
        tag.Apply(request.HttpContext);
        return csv
            ? TypedResults.File(body, "text/csv; charset=utf-8", $"{slug}-status.csv")
            : TypedResults.Bytes(body, "application/json; charset=utf-8");
    }

    private static async Task<IResult> TargetEvaluationAsync(
        long id, string? asOf, HttpContext context, PlanEvaluationCache evaluations, DataVersionETag etags, CancellationToken cancellationToken)
    {
        if (!PeriodParameter.TryParse("asOf", asOf, out var period, out var problem))
            return problem!;
        var tag = await etags.ForAsync(context, "target-evaluation", [id.ToString(CultureInfo.InvariantCulture), period?.ToString()], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(context);
        if (await evaluations.EvaluateTargetAsync(id, period, tag.Version, cancellationToken) is not { } evaluation)
            return Problems.NotFound("Target", id.ToString(CultureInfo.InvariantCulture));
        tag.Apply(context);
        return TypedResults.Ok(evaluation);
    }

    private static async Task<IResult> ChecksAsync(
        string slug, HttpRequest request, PlanEvaluationReader reader, IOptions<CheckOptions> options, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem))
            return problem!;
        var limits = new FrameworkLimits(options.Value.MaxStrategicGoals, options.Value.MaxIndicatorsPerGoal);
        var warnings = await reader.CheckPlanAsync(slug, limits, cancellationToken);
        if (warnings is null)
            return Problems.NotFound("Plan", slug);
        if (!csv)
            return TypedResults.Ok(warnings);
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, CsvDialect.International.WriterOptions(), leaveOpen: true))
        {
            writer.WriteHeader(["code", "severity", "goalId", "targetId", "messageDa", "messageEn"]);
            foreach (var w in warnings)
                writer.WriteRecord([w.Code, w.Severity.ToString(), w.GoalId?.ToString(CultureInfo.InvariantCulture), w.TargetId?.ToString(CultureInfo.InvariantCulture), w.MessageDa, w.MessageEn]);
        }
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"{slug}-checks.csv");
    }

    private static byte[] StatusCsv(PlanEvaluation evaluation, CsvDialect dialect)
    {
        const string number = "0.####";
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, dialect.WriterOptions(), leaveOpen: true))
        {
            var danish = dialect == CsvDialect.Danish;
            // Danish Excel users read the file as it is: Danish headers, status words and ja/nej; the
            // international dialect keeps the API's field names and enum values for programs.
            writer.WriteHeader(danish
                ? [
                    "plan", "mål", "måltitel", "målscore", "målstatus", "succeskriterium-id", "indikator", "område", "undergruppe",
                    "status", "usikker", "baselineperiode", "baseline", "seneste periode", "seneste værdi", "målperiode", "målværdi",
                    "fremdrift", "forventet fremdrift", "fremskrivning", "forklaring",
                ]
                : [
                    "plan", "goal", "goalTitle", "goalScore", "goalStatus", "targetId", "indicator", "area", "subgroup", "status",
                    "uncertain", "baselinePeriod", "baseline", "latestPeriod", "latest", "targetPeriod", "target", "progress",
                    "expectedProgress", "projection", "explanation",
                ]);
            string StatusText(TargetStatus status) => danish ? TargetStatusText.Danish(status) : EnumName(status);
            foreach (var goal in evaluation.Goals)
            {
                foreach (var (owner, target) in goal.Targets.Select(t => (goal, t))
                             .Concat(goal.SubGoals.SelectMany(s => s.Targets.Select(t => (s, t)))))
                {
                    writer.WriteField(evaluation.PlanSlug);
                    writer.WriteField(owner.Goal.Key);
                    writer.WriteField(owner.Goal.Title);
                    writer.WriteField(goal.Score, number);
                    writer.WriteField(StatusText(goal.Status));
                    writer.WriteField(target.TargetId, "0");
                    writer.WriteField(target.IndicatorCode);
                    writer.WriteField(target.ScopeCode);
                    writer.WriteField(target.Subgroup);
                    writer.WriteField(StatusText(target.Status));
                    if (danish)
                        writer.WriteField(target.Uncertain ? "ja" : "nej");
                    else
                        writer.WriteField(target.Uncertain);
                    writer.WriteField(target.Baseline?.Period.ToString());
                    writer.WriteField(target.Baseline?.Value, number);
                    writer.WriteField(target.Latest?.Period.ToString());
                    writer.WriteField(target.Latest?.Value, number);
                    writer.WriteField(target.Target?.Period.ToString());
                    writer.WriteField(target.Target?.Value, number);
                    writer.WriteField(target.Progress, number);
                    writer.WriteField(target.ExpectedProgress, number);
                    writer.WriteField(target.ProjectionAtTarget, number);
                    writer.WriteField(target.ExplanationDa);
                    writer.EndRecord();
                }
            }
        }
        return buffer.ToArray();
    }

    private static string EnumName(TargetStatus status) => EnumText.ToText(status);
}
