using Monitoring.Api.Auth;
using Monitoring.Api.Http;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>The one-page board brief as PDF, on demand.</summary>
public static class BoardBriefEndpoints
{
    public static void MapBoardBriefEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/brief.pdf", async (string slug, string? asOf, BoardBriefService briefs, CancellationToken cancellationToken) =>
            {
                if (!PeriodParameter.TryParse("asOf", asOf, out var period, out var problem))
                    return problem!;
                var pdf = await briefs.RenderAsync(slug, period, cancellationToken);
                return pdf is null
                    ? Problems.NotFound("Plan", slug)
                    : TypedResults.File(pdf, "application/pdf", $"bestyrelsesnotat-{slug}.pdf");
            })
            .RequireAuthorization(Policies.Read)
            .WithTags("Board brief")
            .WithName("GetBoardBriefPdf")
            .WithSummary("The one-page A4 board brief: goals with status, sparklines, latest against target, matters for the board, stale data marked.");
    }
}
