using System.Globalization;
using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;

namespace Monitoring.Bench;

/// <summary>Generated indicators, areas and long-CSV observations at benchmark scale, deterministic for a seed.</summary>
public sealed class SyntheticCatalog(int areas, int indicators, int firstYear, int years, string[] subgroups)
{
    public IEnumerable<string> IndicatorCodes => Enumerable.Range(1, indicators).Select(i => $"BENCH_{i:000}");

    public IEnumerable<string> AreaCodes => Enumerable.Range(1, areas).Select(a => $"A{a:0000}");

    public long Rows => (long)areas * indicators * years * subgroups.Length;

    public async Task SeedAsync(MonitoringDatabase database)
    {
        var indicatorStore = new IndicatorStore(database);
        foreach (var code in IndicatorCodes)
        {
            await indicatorStore.CreateAsync(new Indicator(code, $"Benchmark-indikator {code}", null, IndicatorUnit.Percent,
                Direction.LowerBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true));
        }
        var scopes = new ScopeStore(database);
        foreach (var code in AreaCodes)
            await scopes.CreateAsync(new Scope(code, $"Område {code}", ScopeKind.Area, "0999"));
        // Subgroups must be declared values, as in every import.
        await new DimensionStore(database).CreateAsync(new Dimension("koen", "Køn", [new("kvinde", "Kvinder"), new("mand", "Mænd")]));
    }

    /// <summary>Writes the canonical long CSV; <paramref name="revision"/> shifts values so a second file revises the first.</summary>
    public void WriteCsv(string path, int revision = 0)
    {
        var random = new Random(20261124 + revision);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.WriteLine("indicator,area,period,value,numerator,denominator,subgroup");
        foreach (var indicator in IndicatorCodes)
        {
            foreach (var area in AreaCodes)
            {
                for (var year = firstYear; year < firstYear + years; year++)
                {
                    foreach (var subgroup in subgroups)
                    {
                        var denominator = random.Next(200, 3000);
                        var numerator = random.Next(0, denominator + 1);
                        var value = Math.Round(100.0 * numerator / denominator, 1);
                        writer.Write(indicator);
                        writer.Write(',');
                        writer.Write(area);
                        writer.Write(',');
                        writer.Write(year.ToString(CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.Write(value.ToString("0.0", CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.Write(numerator.ToString(CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.Write(denominator.ToString(CultureInfo.InvariantCulture));
                        writer.Write(',');
                        writer.WriteLine(subgroup);
                    }
                }
            }
        }
    }
}
