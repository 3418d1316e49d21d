using System.Globalization;
using System.Text.Json;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Endpoints;

/// <summary>Stored board briefs and evaluation snapshots of a plan, as the jobs made them.</summary>
public static class BriefsEndpoints
{
    public static void MapBriefsEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans/{slug}").WithTags("Plans");
        plans.MapGet("/briefs", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListBriefs")
            .Produces<IReadOnlyList<BriefListItem>>()
            .WithSummary("The plan's stored board briefs, newest first.");
        plans.MapGet("/briefs/{id:long}", DownloadAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetBrief")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf")
            .WithSummary("Download one stored board brief.");
        plans.MapGet("/snapshots", SnapshotDatesAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListSnapshots")
            .Produces<IReadOnlyList<string>>()
            .WithSummary("The dates of the plan's stored evaluation snapshots, newest first.");
        plans.MapGet("/snapshots/{asOf}", SnapshotAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetSnapshot")
            .Produces<SnapshotView>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("The plan as evaluated on a date (yyyy-MM-dd): the latest snapshot on or before it.");
    }

    private static async Task<IResult> ListAsync(string slug, PlanStore plans, BoardBriefStore briefs, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is null)
            return Problems.NotFound("Plan", slug);
        var list = await briefs.ListAsync(slug, cancellationToken);
        return TypedResults.Ok(list.Select(b => new BriefListItem(b.Id, b.MediaType, b.FileName, b.CreatedAt, $"/api/v1/plans/{slug}/briefs/{b.Id}")));
    }

    private static async Task<IResult> DownloadAsync(string slug, long id, BoardBriefStore briefs, CancellationToken cancellationToken) =>
        await briefs.FindAsync(slug, id, cancellationToken) is { } found
            ? TypedResults.File(found.Content, found.Brief.MediaType, found.Brief.FileName)
            : Problems.NotFound("Board brief", $"{slug}/{id}");

    private static async Task<IResult> SnapshotDatesAsync(
        string slug, PlanStore plans, PlanSnapshotStore snapshots, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is null)
            return Problems.NotFound("Plan", slug);
        var dates = await snapshots.DatesAsync(slug, cancellationToken);
        return TypedResults.Ok(dates.Select(d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
    }

    private static async Task<IResult> SnapshotAsync(
        string slug, string asOf, PlanSnapshotStore snapshots, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Problems.BadParameter("asOf", asOf, "Give the date as yyyy-MM-dd.");
        if (await snapshots.FindAsync(slug, date, cancellationToken) is not { } snapshot)
            return Problems.NotFound("Snapshot", $"{slug} on or before {asOf}");
        return TypedResults.Ok(new SnapshotView(
            snapshot.PlanSlug, snapshot.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), snapshot.CreatedAt,
            JsonDocument.Parse(snapshot.Content).RootElement));
    }
}

/// <summary>A stored board brief in the list: its id, media type, file name, when it was made and where to fetch it.</summary>
public sealed record BriefListItem(long Id, string MediaType, string FileName, DateTimeOffset CreatedAt, string Href);

/// <summary>The plan's status as it was stored on a date: the plan, the snapshot's date and the stored status document.</summary>
public sealed record SnapshotView(string PlanSlug, string AsOf, DateTimeOffset CreatedAt, JsonElement Content);
