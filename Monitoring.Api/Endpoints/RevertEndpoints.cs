using System.Globalization;
using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Undoing an import batch with a new batch; a dry run answers what would change.</summary>
public static class RevertEndpoints
{
    private const int MaxReasonLength = 2000;

    public static void MapRevertEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/imports/{id:long}/revert", RevertAsync)
            .WithTags("Imports")
            .RequireAuthorization(Policies.Write)
            .WithName("RevertImport")
            .Produces<RevertReport>()
            .Produces<RevertReport>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Undo an import batch with a new batch: keys it revised get the earlier version back, keys it created are withdrawn, " +
                         "keys changed since by a later batch are skipped. dryRun=true answers what would change; body { \"reason\": \"...\" } optional.");
    }

    private static async Task<IResult> RevertAsync(
        long id, bool? dryRun, RevertBody? body, BatchReverter reverter, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (body?.Reason is { Length: > MaxReasonLength })
            return Problems.InvalidFields("The batch was not reverted", [new FieldError("reason", null, $"Begrundelsen må højst være {MaxReasonLength} tegn.", $"Keep the reason under {MaxReasonLength} characters.")]);
        var result = await reverter.RevertAsync(
            new RevertRequest(id, body?.Reason, user.Identity?.Name ?? "unknown", dryRun ?? false), cancellationToken);
        var key = id.ToString(CultureInfo.InvariantCulture);
        return result.Outcome switch
        {
            RevertOutcome.NotFound => Problems.NotFound("Import batch", key),
            RevertOutcome.AlreadyReverted => AlreadyReverted(key, result.RevertedBy),
            _ when result.Report!.BatchId is { } batch => TypedResults.Created($"/api/v1/imports/{batch}", result.Report),
            _ => TypedResults.Ok(result.Report),
        };
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult AlreadyReverted(string id, long? revertedBy) =>
        TypedResults.Problem(
            title: "Import batch already reverted",
            detail: $"Batch {id} was already reverted by batch {revertedBy}; a batch is reverted once. " +
                    $"To bring its values back, revert batch {revertedBy}.",
            statusCode: StatusCodes.Status409Conflict,
            extensions: new Dictionary<string, object?> { ["revertedBy"] = revertedBy });
}

/// <summary>Why the batch is reverted; kept in the journal.</summary>
public sealed record RevertBody(string? Reason);
