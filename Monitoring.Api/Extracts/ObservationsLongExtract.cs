using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Core.Statistics;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Extracts;

/// <summary>
/// <c>observations-long.csv</c>: every current observation, one a row, names, unit, interval and
/// flags beside the codes; ordered by area, period, subgroup and indicator. Withheld values are empty
/// and flagged.
/// </summary>
public static class ObservationsLongExtract
{
    public static readonly string[] English =
    [
        "indicator", "indicatorName", "unit", "area", "areaName", "period", "year", "subgroup", "value", "numerator", "denominator",
        "intervalLower", "intervalUpper", "flags", "suppressed", "batch",
    ];

    public static readonly string[] Danish =
    [
        "indikator", "indikatornavn", "enhed", "område", "områdenavn", "periode", "år", "undergruppe", "værdi", "tæller", "nævner",
        "interval nedre", "interval øvre", "markeringer", "skjult", "indlæsning",
    ];

    private const string Number = "0.############";

    public static async Task WriteAsync(
        CsvChunkWriter csv, ExtractWords words, ObservationCellReader observations, IReadOnlyDictionary<string, Indicator> indicators,
        IReadOnlyDictionary<string, Scope> areas, ObservationCondition? reach, CancellationToken cancellationToken)
    {
        var writer = csv.Writer;
        writer.WriteHeader(words.Header(English, Danish));
        await foreach (var group in observations.ByAreaAndPeriodAsync(reach, cancellationToken))
        {
            foreach (var o in group)
            {
                var indicator = indicators.GetValueOrDefault(o.IndicatorCode);
                var interval = indicator is null ? null : ObservationInterval.Of(indicator, o);
                writer.WriteField(o.IndicatorCode);
                writer.WriteField(indicator?.Name);
                writer.WriteField(indicator is null ? null : words.Unit(indicator.Unit));
                writer.WriteField(o.ScopeCode);
                writer.WriteField(areas.GetValueOrDefault(o.ScopeCode)?.Name);
                writer.WriteField(words.Danish ? o.Period.ToDanishString() : o.Period.ToString());
                writer.WriteField(o.Period.Year, "0");
                writer.WriteField(o.Subgroup);
                writer.WriteField(o.Value, Number);
                writer.WriteField(o.Numerator, Number);
                writer.WriteField(o.Denominator, Number);
                writer.WriteField(interval?.Lower, Number);
                writer.WriteField(interval?.Upper, Number);
                writer.WriteField(words.Flags(o.Flags));
                writer.WriteField(words.YesNo(o.Flags.HasFlag(ObservationFlags.Suppressed)));
                writer.WriteField(o.BatchId, "0");
                writer.EndRecord();
            }
            await csv.FlushAsync(cancellationToken);
        }
    }
}
