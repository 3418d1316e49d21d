using System.Globalization;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>The one-page board brief as PDF, on demand.</summary>
public static class BoardBriefEndpoints
{
    public static void MapBoardBriefEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/brief.pdf", async (string slug, string? asOf, string? nextMeeting, BoardBriefService briefs, CancellationToken cancellationToken) =>
            {
                if (!PeriodParameter.TryParse("asOf", asOf, out var period, out var problem))
                    return problem!;
                DateOnly? meeting = null;
                if (!string.IsNullOrEmpty(nextMeeting))
                {
                    // ASCII digits only, as everywhere a date is read (the parse alone would accept other scripts' digits).
                    if (!nextMeeting.All(c => char.IsAsciiDigit(c) || c == '-')
                        || !DateOnly.TryParseExact(nextMeeting, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                        return Problems.BadParameter("nextMeeting", nextMeeting, "The next board meeting is a date as yyyy-MM-dd, e.g. 2026-03-12.");
                    meeting = parsed;
                }
                var pdf = await briefs.RenderAsync(slug, period, meeting, cancellationToken);
                return pdf is null
                    ? Problems.NotFound("Plan", slug)
                    : TypedResults.File(pdf, "application/pdf", $"bestyrelsesnotat-{slug}.pdf");
            })
            .RequireAuthorization(Policies.Read)
            .WithTags("Board brief")
            .WithName("GetBoardBriefPdf")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The one-page A4 board brief: matters for the board to decide (decision comments by type, else the latest note), what goes well, " +
                         "goals with status, sparklines, latest against target; staleness judged at asOf; nextMeeting=yyyy-MM-dd prints the next board meeting.");
    }
}
