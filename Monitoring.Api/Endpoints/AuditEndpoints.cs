using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Endpoints;

/// <summary><c>GET /api/v1/audit</c>: the audit log for admins, newest first.</summary>
public static class AuditEndpoints
{
    public static void MapAuditEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/audit", async (int? limit, long? before, AuditLog log, CancellationToken ct) =>
                limit is < 1 or > 1000
                    ? Problems.BadParameter("limit", limit?.ToString(System.Globalization.CultureInfo.InvariantCulture), "Use a limit between 1 and 1000.")
                    : Results.Ok(await log.ListAsync(limit ?? 100, before, ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Access")
            .WithName("ListAudit")
            .Produces<IReadOnlyList<AuditEntry>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Who wrote what and when (imports, reverts, corrections, framework edits, comments, keys, sign-in links, sign-ins); newest first, before= pages on.");
    }
}
