using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>
/// Builds classification inputs for tests: every criterion indicator at a constant level for 2000–2030 with
/// national and regional references, then single years changed. The levels are the test's own, chosen against
/// the law's thresholds in statutory-criteria.md, not read from the engine.
/// </summary>
internal sealed class AreaProfile
{
    public const string Residents = "KRIT_BEBOERE";
    public const string NonWestern = "KRIT_IKKE_VESTLIGE";
    public const string OutsideLabour = "KRIT_UDENFOR_18_64";
    public const string Convicted = "KRIT_DOMFAELDTE_18";
    public const string Basic2013 = "KRIT_GRUNDSKOLE_30_59_2013";
    public const string Basic = "KRIT_GRUNDSKOLE_30_59";
    public const string Income = "KRIT_INDKOMST_15_64";

    public const int FirstYear = 2000;
    public const int LastYear = 2030;

    public YearlyValues Area { get; } = new();
    public YearlyValues National { get; } = new();
    public YearlyValues Region { get; } = new();

    public ClassificationInput Input => new(Area, National, Region);

    /// <summary>Far over every list's thresholds: a ghetto/parallelsamfund under every regime.</summary>
    public static AreaProfile Deprived()
    {
        var profile = new AreaProfile();
        profile.AllYears(Residents, 2500).AllYears(NonWestern, 65).AllYears(OutsideLabour, 48).AllYears(Convicted, 4.0)
            .AllYears(Basic2013, 62).AllYears(Basic, 70).AllYears(Income, 150_000);
        profile.References(Convicted, national: 0.8).References(Income, region: 330_000);
        return profile;
    }

    /// <summary>Far under every threshold.</summary>
    public static AreaProfile Ordinary()
    {
        var profile = new AreaProfile();
        profile.AllYears(Residents, 2500).AllYears(NonWestern, 12).AllYears(OutsideLabour, 18).AllYears(Convicted, 0.6)
            .AllYears(Basic2013, 20).AllYears(Basic, 22).AllYears(Income, 320_000);
        profile.References(Convicted, national: 0.8).References(Income, region: 330_000);
        return profile;
    }

    public AreaProfile AllYears(string indicator, double value)
    {
        for (var year = FirstYear; year <= LastYear; year++)
            Area.Set(indicator, year, value);
        return this;
    }

    public AreaProfile References(string indicator, double? national = null, double? region = null)
    {
        for (var year = FirstYear; year <= LastYear; year++)
        {
            if (national is { } n)
                National.Set(indicator, year, n);
            if (region is { } r)
                Region.Set(indicator, year, r);
        }
        return this;
    }

    public AreaProfile In(int year, string indicator, double value)
    {
        Area.Set(indicator, year, value);
        return this;
    }

    /// <summary>A copy without one year of an indicator (a missing year).</summary>
    public AreaProfile Without(int year, string indicator, bool reference = false)
    {
        var copy = new AreaProfile();
        Fill(copy.Area, reference ? Area : Strip(Area, indicator, year));
        Fill(copy.National, reference ? Strip(National, indicator, year) : National);
        Fill(copy.Region, reference ? Strip(Region, indicator, year) : Region);
        return copy;
    }

    private static YearlyValues Strip(YearlyValues values, string indicator, int year)
    {
        var copy = new YearlyValues();
        foreach (var code in values.Indicators)
        {
            foreach (var (y, v) in values.Series(code))
            {
                if (!(code == indicator && y == year))
                    copy.Set(code, y, v);
            }
        }
        return copy;
    }

    private static void Fill(YearlyValues target, YearlyValues source)
    {
        foreach (var code in source.Indicators)
        {
            foreach (var (y, v) in source.Series(code))
                target.Set(code, y, v);
        }
    }
}
