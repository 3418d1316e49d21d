using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Import;

namespace Monitoring.Api.Endpoints;

/// <summary>Correcting or withdrawing one observation, with a reason, as a one-row batch.</summary>
public static class CorrectionsEndpoints
{
    /// <summary>A missing observation is named by its whole key, not by one field.</summary>
    private static readonly string[] KeyFields = ["indicator", "area", "period", "subgroup"];

    public static void MapCorrectionsEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/observations/corrections", CorrectAsync)
            .WithTags("Observations")
            .RequireAuthorization(Policies.Write)
            .WithName("CorrectObservation")
            .Produces<CorrectionView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Correct one observation ({ indicator, area, period, subgroup, value, numerator?, denominator?, reason }) " +
                         "or withdraw it ({ ..., withdraw: true, reason }). The value is checked as an imported row is; the earlier version is kept.");
    }

    private static async Task<IResult> CorrectAsync(
        CorrectionBody? body, ObservationCorrector corrector, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        // Optional for the framework so a missing body gets this sentence instead of its own.
        if (body is null)
        {
            return TypedResults.Problem(
                title: "The request could not be read",
                detail: "Send a JSON body: { indicator, area, period, subgroup, value (numerator, denominator) or withdraw: true, reason }.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var result = await corrector.CorrectAsync(new CorrectionRequest(
            body.Indicator, body.Area, body.Period, body.Subgroup, body.Value, body.Numerator, body.Denominator,
            body.Withdraw ?? false, body.Reason, user.Identity?.Name ?? "unknown"), cancellationToken);
        return result.Outcome switch
        {
            CorrectionOutcome.Invalid => Problems.InvalidFields("The observation was not corrected", result.Errors),
            CorrectionOutcome.NotFound => TypedResults.Problem(
                title: "Observation not found",
                detail: result.Message,
                statusCode: StatusCodes.Status404NotFound,
                extensions: new Dictionary<string, object?> { ["fields"] = KeyFields }),
            _ => TypedResults.Created($"/api/v1/imports/{result.BatchId}", new CorrectionView(
                result.Outcome == CorrectionOutcome.Withdrawn ? "withdrawn" : "corrected", result.BatchId!.Value, result.Indicator!, result.Area!,
                result.Period!, result.Subgroup!, result.ValueBefore, result.ValueAfter, result.Reason!)),
        };
    }
}

/// <summary>The request body; the key as in a file, then a new value or withdraw, and the reason.</summary>
public sealed record CorrectionBody(
    string? Indicator, string? Area, string? Period, string? Subgroup, double? Value, double? Numerator, double? Denominator,
    bool? Withdraw, string? Reason);

/// <summary>A correction as the API answers it: the batch that holds it and the value before and after.</summary>
public sealed record CorrectionView(
    string Outcome, long BatchId, string Indicator, string Area, string Period, string Subgroup, double? ValueBefore, double? ValueAfter,
    string Reason);
