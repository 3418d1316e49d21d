using System.Globalization;
using CsvHelper;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Suppression;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Endpoints;

/// <summary><c>GET /api/v1/observations</c>: filtered; JSON cursor-paginated, CSV whole unless a limit is asked for.</summary>
public static class ObservationsEndpoints
{
    private const int DefaultLimit = 100;
    private const int MaxLimit = 10_000;
    private const string NumberFormat = "0.############";
    private const int StreamPageSize = 5_000;

    public static void MapObservationsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/observations", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListObservations")
            .Produces<Page<ObservationDto>>()
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Observations filtered by indicator, area, subgroup and period range; JSON is cursor-paginated, CSV (format=csv) holds every matching row unless limit is given.")
            .WithTags("Observations");
    }

    private static async Task<IResult> ListAsync(
        HttpRequest request, ObservationQuery query, SeriesQuery series, IndicatorStore indicators, IOptions<SuppressionOptions> suppression, DataVersionETag etags,
        string? indicator, string? area, string? subgroup, string? from, string? to,
        int? limit, string? cursor, string? dialect, long? asOfBatch, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var formatProblem))
            return formatProblem!;
        if (!PeriodParameter.TryParse("from", from, out var fromPeriod, out var problem) || !PeriodParameter.TryParse("to", to, out var toPeriod, out problem))
            return problem!;
        if (fromPeriod is not null && toPeriod is not null && fromPeriod > toPeriod)
            return Problems.BadParameter("to", to, $"'to' ({to}) comes before 'from' ({from}).");
        if (limit is < 1 or > MaxLimit)
            return Problems.BadParameter("limit", limit?.ToString(CultureInfo.InvariantCulture), $"Use a limit between 1 and {MaxLimit}.");
        if (!Cursor.TryDecode(cursor, out ObservationPosition after))
            return Problems.BadParameter("cursor", cursor, "The cursor is not one this API gave out; start again without it.");
        if (!CsvDialect.TryParse(dialect, out var csvDialect))
            return Problems.BadParameter("dialect", dialect, "Use dialect=da (semicolon, decimal comma) or leave it out.");

        // The whole URL stands for filter, cursor and limit: the body's "next" link is built from it
        // (host included), so two URLs never share a tag. Accept can choose CSV, so the format is named too.
        var tag = await etags.ForAsync(request.HttpContext, "observations",
            [csv ? "csv" : "json", csv ? csvDialect.Name : null, request.GetEncodedUrl()], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(request.HttpContext);
        tag.Apply(request.HttpContext);

        var filter = new ObservationFilter(indicator, area, subgroup, fromPeriod, toPeriod, asOfBatch);
        if (csv && limit is null)
        {
            var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal);
            return TypedResults.Stream(body => StreamCsvAsync(body, query, series, indicatorsByCode, suppression.Value.MinCount, filter, after, csvDialect, cancellationToken),
                "text/csv; charset=utf-8", "observations.csv");
        }
        var pageSize = limit ?? DefaultLimit;
        var rows = await query.PageAsync(filter, after, pageSize + 1, cancellationToken);
        var hasMore = rows.Count > pageSize;
        var page = await PageSuppression.WithholdSmallNumbersAsync(hasMore ? rows.Take(pageSize).ToList() : rows, series, suppression.Value.MinCount, cancellationToken);
        var next = hasMore ? Cursor.NextLink(request, page[^1].Position) : null;
        var catalog = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var dtos = page.Select(p => ObservationDto.From(p, catalog.GetValueOrDefault(p.Observation.IndicatorCode), suppression.Value.MinCount)).ToList();
        if (csv)
        {
            if (next is not null)
                request.HttpContext.Response.Headers.Link = $"<{next}>; rel=\"next\"";
            return TypedResults.File(WriteCsv(dtos, csvDialect), "text/csv; charset=utf-8", "observations.csv");
        }
        return TypedResults.Ok(new Page<ObservationDto>(dtos, hasMore ? Cursor.Encode(page[^1].Position) : null, next));
    }

    private static byte[] WriteCsv(IReadOnlyList<ObservationDto> rows, CsvDialect dialect)
    {
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, dialect.WriterOptions(), leaveOpen: true))
        {
            var words = new Extracts.ExtractWords(dialect);
            writer.WriteHeader(words.Header(CsvHeader, CsvHeaderDa));
            foreach (var o in rows)
                WriteCsvRow(writer, o, words);
        }
        return buffer.ToArray();
    }

    /// <summary>
    /// CSV is for whole tables: without a limit every matching row is written, read in pages of
    /// <see cref="StreamPageSize"/> by the same storage-key cursor as JSON and withheld page by page,
    /// so memory stays bounded however many rows match.
    /// </summary>
    private static async Task StreamCsvAsync(
        Stream body, ObservationQuery query, SeriesQuery series, IReadOnlyDictionary<string, Indicator> indicators, int minCount,
        ObservationFilter filter, ObservationPosition after,
        CsvDialect dialect, CancellationToken cancellationToken)
    {
        await using var csv = new CsvChunkWriter(body, dialect);
        var words = new Extracts.ExtractWords(dialect);
        csv.Writer.WriteHeader(words.Header(CsvHeader, CsvHeaderDa));
        while (true)
        {
            var rows = await query.PageAsync(filter, after, StreamPageSize, cancellationToken);
            if (rows.Count == 0)
                break;
            foreach (var stored in await PageSuppression.WithholdSmallNumbersAsync(rows, series, minCount, cancellationToken))
                WriteCsvRow(csv.Writer, ObservationDto.From(stored, indicators.GetValueOrDefault(stored.Observation.IndicatorCode), minCount), words);
            await csv.FlushAsync(cancellationToken);
            if (rows.Count < StreamPageSize)
                break;
            after = rows[^1].Position;
        }
    }

    private static readonly string[] CsvHeader = ["indicator", "area", "period", "subgroup", "value", "numerator", "denominator", "lower", "upper", "flags", "batch"];

    /// <summary>Danish Excel users read the file as it is, so dialect=da names the columns as the extracts do.</summary>
    private static readonly string[] CsvHeaderDa =
        ["indikator", "område", "periode", "undergruppe", "værdi", "tæller", "nævner", "interval nedre", "interval øvre", "markeringer", "indlæsning"];

    private static void WriteCsvRow(CsvWriter writer, ObservationDto o, Extracts.ExtractWords words)
    {
        writer.WriteField(o.Indicator);
        writer.WriteField(o.Area);
        writer.WriteField(words.Danish && Period.TryParse(o.Period, out var period) ? period.ToDanishString() : o.Period);
        writer.WriteField(o.Subgroup);
        writer.WriteField(o.Value, NumberFormat);
        writer.WriteField(o.Numerator, NumberFormat);
        writer.WriteField(o.Denominator, NumberFormat);
        writer.WriteField(o.Lower, NumberFormat);
        writer.WriteField(o.Upper, NumberFormat);
        writer.WriteField(words.Danish ? words.Flags(FlagsOf(o.Flags)) : o.Flags);
        writer.WriteField(o.Batch, "0");
        writer.EndRecord();
    }

    private static ObservationFlags FlagsOf(string names) =>
        names.Split('|', StringSplitOptions.RemoveEmptyEntries)
            .Aggregate(ObservationFlags.None, (all, name) => EnumText.TryParse<ObservationFlags>(name, out var flag) ? all | flag : all);
}

/// <summary>
/// An observation as the API serves it. A survey share carries its Wilson 95 % interval (<see cref="Lower"/>,
/// <see cref="Upper"/>, in percent); its counts are shown only when both the count and its complement
/// reach the suppression threshold.
/// </summary>
public sealed record ObservationDto(
    string Indicator, string Area, string Period, string Subgroup, double? Value, double? Numerator, double? Denominator,
    string Flags, long Batch, double? Lower = null, double? Upper = null)
{
    public static ObservationDto From(StoredObservation stored, Indicator? indicator, int minCount)
    {
        var o = stored.Observation;
        var interval = indicator is null || o.Value is null ? null : ShareInterval.For(indicator, o.Numerator, o.Denominator);
        var countsShown = interval is null || CountDisclosure.CountsShown(o.Numerator, o.Denominator, minCount);
        return new(o.IndicatorCode, o.ScopeCode, o.Period.ToString(), o.Subgroup, o.Value,
            countsShown ? o.Numerator : null, countsShown ? o.Denominator : null, FlagNames(o.Flags), o.BatchId, interval?.Lower, interval?.Upper);
    }

    public static string FlagNames(ObservationFlags flags) =>
        flags == ObservationFlags.None
            ? ""
            : string.Join('|', Enum.GetValues<ObservationFlags>()
                .Where(f => f != ObservationFlags.None && flags.HasFlag(f))
                .Select(f => EnumText.ToText(f)));
}
