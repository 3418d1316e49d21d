using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Reports;

namespace Monitoring.Api.Endpoints;

/// <summary>Charts as SVG or PNG, cacheable by ETag.</summary>
public static class ChartsEndpoints
{
    // Renders come in a fixed set of sizes: every distinct size is a new render and a new cache
    // entry, so arbitrary sizes would let a caller fill memory and CPU. These cover the dashboard,
    // the brief and common embeds; a browser scales an image between them.
    private static readonly int[] Widths = [160, 240, 320, 480, 640, 800, 900, 1024, 1200, 1600, 2400];
    private static readonly int[] Heights = [40, 60, 80, 120, 160, 200, 240, 300, 320, 400, 480, 600, 800, 1200, 1600];

    public static void MapChartsEndpoints(this RouteGroupBuilder api)
    {
        var charts = api.MapGroup("/charts").WithTags("Charts").RequireAuthorization(Policies.Read);
        charts.MapGet("/targets/{id:long}.{format}", TargetAsync)
            .WithName("GetTargetChart")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml", "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A target's trend chart (svg or png): observed values, straight line to the target, projection, benchmark, comments, status; variant=sparkline.");
        charts.MapGet("/goals/{id:long}.{format}", GoalAsync)
            .WithName("GetGoalOverviewChart")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml", "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A goal at a glance (svg or png): each target's progress from baseline to target, coloured and labelled by status, with the expected progress now.");
        charts.MapGet("/indicators/{code}.{format}", IndicatorAsync)
            .WithName("GetIndicatorChart")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml", "image/png")
            .Produces(StatusCodes.Status304NotModified)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("An indicator's series in one area (svg or png), optionally against a benchmark scope, up to to or asOf; variant=sparkline.");
    }

    private static async Task<IResult> TargetAsync(
        long id, string format, string? variant, int? width, int? height, string? asOf, HttpContext context, ChartService charts,
        DataVersionETag etags, CancellationToken cancellationToken)
    {
        if (!TryOptions(format, variant, width, height, out var options, out var problem))
            return problem!;
        if (!PeriodParameter.TryParse("asOf", asOf, out var period, out problem))
            return problem!;
        var tag = await etags.ForAsync(context, "chart-target", [Id(id), period?.ToString(), .. options.Parts], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(context, CacheControl);
        var chart = await charts.ForVersionAsync(tag.Hash, async () =>
            await charts.ForTargetAsync(id, period, cancellationToken, tag.Version) is { } description
                ? charts.Render(description, options.Format, options.Width, options.Height, options.Variant)
                : null);
        return chart is null ? Problems.NotFound("Target", Id(id)) : Serve(context, tag, chart);
    }

    private static async Task<IResult> GoalAsync(
        long id, string format, int? width, int? height, string? asOf, HttpContext context, ChartService charts, DataVersionETag etags,
        CancellationToken cancellationToken)
    {
        if (!TryOptions(format, null, width, height, out var options, out var problem) || !PeriodParameter.TryParse("asOf", asOf, out var period, out problem))
            return problem!;
        var tag = await etags.ForAsync(context, "chart-goal", [Id(id), period?.ToString(), .. options.Parts], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(context, CacheControl);
        var chart = await charts.ForVersionAsync(tag.Hash, () =>
            charts.GoalOverviewAsync(id, period, options.Format, options.Width, options.Height, cancellationToken, tag.Version));
        return chart is null ? Problems.NotFound("Goal", Id(id)) : Serve(context, tag, chart);
    }

    private static async Task<IResult> IndicatorAsync(
        string code, string format, string? area, string? subgroup, string? from, string? to, string? asOf, string? benchmark, string? variant,
        int? width, int? height, HttpContext context, ChartService charts, DataVersionETag etags, CancellationToken cancellationToken)
    {
        if (!TryOptions(format, variant, width, height, out var options, out var problem))
            return problem!;
        if (string.IsNullOrEmpty(area))
            return Problems.BadParameter("area", area, "Name the area (or benchmark scope) to chart, e.g. area=0901-SOLHAVEN.");
        if (!PeriodParameter.TryParse("from", from, out var fromPeriod, out problem) || !PeriodParameter.TryParse("to", to, out var toPeriod, out problem)
            || !PeriodParameter.TryParse("asOf", asOf, out var asOfPeriod, out problem))
        {
            return problem!;
        }
        // asOf reads the chart as the target and goal charts do: nothing measured after it; with "to" the earlier one holds.
        if (asOfPeriod is { } at && (toPeriod is not { } until || at.EndOrdinal < until.EndOrdinal))
            toPeriod = at;
        var tag = await etags.ForAsync(context, "chart-indicator",
            [code, area, subgroup ?? "", fromPeriod?.ToString(), toPeriod?.ToString(), benchmark, .. options.Parts], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(context, CacheControl);
        var chart = await charts.ForVersionAsync(tag.Hash, async () =>
            await charts.ForIndicatorAsync(code, area, subgroup ?? "", fromPeriod, toPeriod, benchmark, cancellationToken) is { } description
                ? charts.Render(description, options.Format, options.Width, options.Height, options.Variant)
                : null);
        return chart is null
            ? Problems.NotFound("Indicator or area", $"{code} / {area}")
            : Serve(context, tag, chart);
    }

    /// <summary>
    /// Browsers may show a chart for five minutes without asking; after that one revalidation
    /// costs one tiny query. The ETag is the data version's, not a hash of the image, so a client
    /// that already has the chart is answered before anything is read or drawn.
    /// </summary>
    private const string CacheControl = "public, max-age=300";

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private static FileContentHttpResult Serve(HttpContext context, DataVersionETag.Tag tag, RenderedChart chart)
    {
        tag.Apply(context, CacheControl);
        return TypedResults.File(chart.Content, chart.ContentType);
    }

    private sealed record ChartOptions(string Format, int Width, int Height, ChartVariant Variant)
    {
        /// <summary>What the options add to the ETag: everything that changes the image.</summary>
        public string[] Parts =>
            [Format, Width.ToString(CultureInfo.InvariantCulture), Height.ToString(CultureInfo.InvariantCulture), Variant.ToString()];
    }

    private static bool TryOptions(string format, string? variant, int? width, int? height, out ChartOptions options, out IResult? problem)
    {
        options = null!;
        problem = null;
        format = format.ToLowerInvariant();
        if (format is not ("svg" or "png"))
        {
            problem = Problems.BadParameter("format", format, "Ask for .svg or .png.");
            return false;
        }
        ChartVariant kind;
        switch (variant?.ToLowerInvariant())
        {
            case null or "" or "full":
                kind = ChartVariant.Full;
                break;
            case "sparkline":
                kind = ChartVariant.Sparkline;
                break;
            default:
                problem = Problems.BadParameter("variant", variant, "Use variant=sparkline or leave it out.");
                return false;
        }
        var w = width ?? (kind == ChartVariant.Sparkline ? 160 : 800);
        var h = height ?? (kind == ChartVariant.Sparkline ? 40 : 400);
        if (!Widths.Contains(w))
        {
            problem = Problems.BadParameter("width", width?.ToString(CultureInfo.InvariantCulture), $"Use one of these widths in pixels: {string.Join(", ", Widths)}.");
            return false;
        }
        if (!Heights.Contains(h))
        {
            problem = Problems.BadParameter("height", height?.ToString(CultureInfo.InvariantCulture), $"Use one of these heights in pixels: {string.Join(", ", Heights)}.");
            return false;
        }
        options = new ChartOptions(format, w, h, kind);
        return true;
    }
}
