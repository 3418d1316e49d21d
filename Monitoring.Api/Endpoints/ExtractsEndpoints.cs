using Monitoring.Api.Auth;
using Monitoring.Api.Extracts;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// <c>GET /api/v1/extracts/{name}.csv</c>: whole tables for Excel and scheduled BI refreshes, streamed
/// with bounded memory, tagged by the data version so a refresh of unchanged data costs a 304.
/// </summary>
public static class ExtractsEndpoints
{
    public const string ObservationsLong = "observations-long";
    public const string ObservationsWide = "observations-wide";
    public const string TargetEvaluations = "target-evaluations";
    public const string GoalStatus = "goal-status";

    private static readonly string[] Names = [ObservationsLong, ObservationsWide, TargetEvaluations, GoalStatus];

    public static void MapExtractsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/extracts/{name}.csv", ExtractAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Extracts")
            .WithName("GetExtract")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("A whole table as CSV: observations-long, observations-wide, target-evaluations or goal-status; dialect=da for Danish Excel; asOf for the evaluations.");
    }

    private static async Task<IResult> ExtractAsync(
        string name, string? dialect, string? asOf, HttpContext context, DataVersionETag etags, DataVersionLastModified lastModified,
        ObservationCellReader observations, IndicatorStore indicators, ScopeStore scopes, PlanStore plans, PlanEvaluationCache evaluations,
        CancellationToken cancellationToken)
    {
        if (!Names.Contains(name))
            return Problems.NotFound("Extract", name);
        if (!CsvDialect.TryParse(dialect, out var csvDialect))
            return Problems.BadParameter("dialect", dialect, "Use dialect=da (semicolon, decimal comma, Danish headers) or leave it out.");
        if (!PeriodParameter.TryParse("asOf", asOf, out var period, out var problem))
            return problem!;
        var visible = PlanVisibility.VisiblePlanSlugs(context.User);

        // Who may see which plans is part of the question: two keys with different scopes never share a tag.
        var tag = await etags.ForAsync(context, "extract",
            [name, csvDialect.Name, period?.ToString(), visible is null ? null : string.Join(',', visible.Order(StringComparer.Ordinal))],
            cancellationToken);
        var unchangedSince = lastModified.Apply(context, tag.Version);
        if (tag.NotModified || unchangedSince)
            return tag.NotModifiedResult(context);
        tag.Apply(context);

        return TypedResults.Stream(async body =>
        {
            var words = new ExtractWords(csvDialect);
            var indicatorList = await indicators.ListAsync(cancellationToken);
            var indicatorsByCode = indicatorList.ToDictionary(i => i.Code, StringComparer.Ordinal);
            var areas = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, StringComparer.Ordinal);
            // A caller scoped to plans gets the observations of its plans' areas, as /api/v1/observations?area= gives them.
            var reach = visible is null ? null : PlanScopeLookup.AreasCondition(visible);
            await using var csv = new CsvChunkWriter(body, csvDialect);
            switch (name)
            {
                case ObservationsLong:
                    await ObservationsLongExtract.WriteAsync(csv, words, observations, indicatorsByCode, areas, reach, cancellationToken);
                    break;
                case ObservationsWide:
                    await ObservationsWideExtract.WriteAsync(csv, words, observations, indicatorList, areas, reach, cancellationToken);
                    break;
                case TargetEvaluations:
                    await TargetEvaluationsExtract.WriteAsync(csv, words,
                        await EvaluateAsync(plans, evaluations, visible, period, tag, cancellationToken), indicatorsByCode, areas, cancellationToken);
                    break;
                default:
                    await GoalStatusExtract.WriteAsync(csv, words, await EvaluateAsync(plans, evaluations, visible, period, tag, cancellationToken), cancellationToken);
                    break;
            }
        }, "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static async Task<IReadOnlyList<(Plan Plan, PlanEvaluation Evaluation)>> EvaluateAsync(
        PlanStore plans, PlanEvaluationCache evaluations, IReadOnlySet<string>? visible, Period? asOf, DataVersionETag.Tag tag,
        CancellationToken cancellationToken)
    {
        var result = new List<(Plan, PlanEvaluation)>();
        foreach (var plan in (await plans.ListAsync(cancellationToken)).Where(p => visible.CanSee(p.Slug)))
        {
            if (await evaluations.EvaluatePlanAsync(plan.Slug, asOf, tag.Version, cancellationToken) is { } evaluation)
                result.Add((plan, evaluation));
        }
        return result;
    }
}
