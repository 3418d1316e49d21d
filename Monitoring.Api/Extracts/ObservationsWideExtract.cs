using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Extracts;

/// <summary>
/// <c>observations-wide.csv</c>: one row per area, period and subgroup, one column per indicator
/// (named by its code, in code order, every indicator whether or not it has data). A withheld or
/// missing value is an empty cell; names, units and flags are in the long extract.
/// </summary>
public static class ObservationsWideExtract
{
    public static readonly string[] English = ["area", "areaName", "period", "year", "subgroup"];
    public static readonly string[] Danish = ["område", "områdenavn", "periode", "år", "undergruppe"];

    private const string Number = "0.############";

    public static async Task WriteAsync(
        CsvChunkWriter csv, ExtractWords words, ObservationCellReader observations, IReadOnlyList<Indicator> indicators,
        IReadOnlyDictionary<string, Scope> areas, ObservationCondition? reach, CancellationToken cancellationToken)
    {
        var codes = indicators.Select(i => i.Code).Order(StringComparer.Ordinal).ToList();
        var writer = csv.Writer;
        writer.WriteHeader([.. words.Header(English, Danish), .. codes]);
        await foreach (var group in observations.ByAreaAndPeriodAsync(reach, cancellationToken))
        {
            foreach (var row in group.GroupBy(o => o.Subgroup).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var first = row.First();
                var values = row.ToDictionary(o => o.IndicatorCode, o => o.Value, StringComparer.Ordinal);
                writer.WriteField(first.ScopeCode);
                writer.WriteField(areas.GetValueOrDefault(first.ScopeCode)?.Name);
                writer.WriteField(words.Danish ? first.Period.ToDanishString() : first.Period.ToString());
                writer.WriteField(first.Period.Year, "0");
                writer.WriteField(row.Key);
                foreach (var code in codes)
                    writer.WriteField(values.GetValueOrDefault(code), Number);
                writer.EndRecord();
            }
            await csv.FlushAsync(cancellationToken);
        }
    }
}
