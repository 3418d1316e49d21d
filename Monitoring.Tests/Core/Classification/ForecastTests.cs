using Monitoring.Core.Classification;

namespace Monitoring.Tests.Core.Classification;

/// <summary>The forecast projects each criterion along its Theil–Sen line and says when a threshold is crossed.</summary>
public class ForecastTests
{
    private static readonly ClassificationForecaster Forecaster = new(new ClassificationEngine(RegimeTable.Default));

    /// <summary>A deprived area whose share outside the labour market falls one point a year to 44 % in 2024, with no data after.</summary>
    private static AreaProfile Falling()
    {
        var profile = new AreaProfile();
        for (var year = 2006; year <= 2024; year++)
        {
            profile.In(year, AreaProfile.Residents, 2500).In(year, AreaProfile.NonWestern, 65).In(year, AreaProfile.Convicted, 1.0)
                .In(year, AreaProfile.Basic, 70).In(year, AreaProfile.Income, 250_000).In(year, AreaProfile.Basic2013, 62)
                .In(year, AreaProfile.OutsideLabour, 44 - (year - 2024));
            profile.National.Set(AreaProfile.Convicted, year, 0.8);
            profile.Region.Set(AreaProfile.Income, year, 330_000);
        }
        return profile;
    }

    [Test]
    public void The_forecast_projects_the_trend_and_names_the_list_at_which_the_threshold_is_crossed()
    {
        // List L averages years L-2 and L-1: 44 - (L - 2025.5), over 40 until 2029, 39.5 in 2030.
        var forecast = Forecaster.Forecast(Falling().Input, 2025);

        var first = forecast.Lists[0];
        var b = first.Criteria.Single(c => c.Code == "b");
        Assert.Multiple(() =>
        {
            Assert.That(forecast.IsProjection, Is.True);
            Assert.That(forecast.Lists.Select(l => l.ListYear), Is.EqualTo(new[] { 2026, 2027, 2028 }));
            Assert.That(first.Classification.IsProjection, Is.True);
            Assert.That(b.ProjectedAverage, Is.EqualTo(43.5).Within(1e-9));
            Assert.That(b.Distance, Is.EqualTo(3.5).Within(1e-9));
            Assert.That(b.CrossesAtListYear, Is.EqualTo(2030));
            Assert.That(b.ProjectedYears, Is.EqualTo(new[] { 2025 }), "the 2026 list averages observed 2024 and projected 2025");
            Assert.That(b.Explanation, Does.Contain("3,5 procentpoint over grænsen på 40 %; med den nuværende udvikling under grænsen i 2030"));
            Assert.That(first.Summary, Does.StartWith("Fremskrivning for listen 2026"));
        });
    }

    [Test]
    public void The_list_status_follows_the_projected_criteria()
    {
        // udsat rests on b and d: convictions 1.0 are under 3 × 0.8 and income 250,000 is over 55 % of 330,000.
        var forecast = Forecaster.Forecast(Falling().Input, 2025, lists: 5);

        var byYear = forecast.Lists.ToDictionary(l => l.ListYear, l => l.Classification.Lists);
        Assert.Multiple(() =>
        {
            Assert.That(byYear[2029], Does.Contain("parallelsamfund"));
            Assert.That(byYear[2030], Does.Not.Contain("udsat"), "b falls to 39.5 %: only d is left");
            Assert.That(byYear[2030], Does.Not.Contain("parallelsamfund"));
        });
    }

    [Test]
    public void Observed_years_are_never_replaced_by_the_trend()
    {
        var profile = Falling();
        profile.In(2024, AreaProfile.OutsideLabour, 60); // a jump the robust slope ignores

        var forecast = Forecaster.Forecast(profile.Input, 2025, lists: 1);

        // List 2026 averages 2024 (observed 60, kept) and 2025: the slope of 2020–2024 is still -1 (the median
        // of the pairwise slopes), and the projection goes on from the observed 60, so 59.
        var b = forecast.Lists[0].Criteria.Single(c => c.Code == "b");
        Assert.That(b.ProjectedAverage, Is.EqualTo((60 + 59) / 2.0).Within(1e-9));
    }

    /// <summary>
    /// Basic schooling (d) rising 1.2 points a year from 2006 to 60 % in 2020, then falling a point a year to 55.1 %
    /// in 2025: a line through all twenty years slopes upwards and starts above the last value.
    /// </summary>
    private static AreaProfile Bending()
    {
        var profile = new AreaProfile();
        for (var year = 2006; year <= 2025; year++)
        {
            profile.In(year, AreaProfile.Residents, 2500).In(year, AreaProfile.NonWestern, 65).In(year, AreaProfile.Convicted, 1.0)
                .In(year, AreaProfile.Income, 250_000).In(year, AreaProfile.OutsideLabour, 44)
                .In(year, AreaProfile.Basic, year <= 2020 ? 60.1 - 1.2 * (2020 - year) : 60.1 - (year - 2020));
            profile.National.Set(AreaProfile.Convicted, year, 0.8);
            profile.Region.Set(AreaProfile.Income, year, 330_000);
        }
        return profile;
    }

    [Test]
    public void A_series_that_has_turned_is_projected_from_its_last_value_along_its_recent_trend()
    {
        var forecast = Forecaster.Forecast(Bending().Input, 2026, lists: 1);

        // List 2027 reads 2026: projected 55.1 - 1 = 54.1, under the 60 % threshold (all twenty years would say about 61).
        var d = forecast.Lists[0].Criteria.Single(c => c.Code == "d");
        var line = forecast.Lines.Single(l => l.Scope == "area" && l.Indicator == AreaProfile.Basic);
        Assert.Multiple(() =>
        {
            Assert.That(line.Slope, Is.EqualTo(-1).Within(1e-9), "fitted on 2021–2025, after the turn");
            Assert.That(line.Intercept + line.Slope * 2025, Is.EqualTo(55.1).Within(1e-9), "the projection starts at the last observation");
            Assert.That(d.ProjectedAverage, Is.EqualTo(54.1).Within(1e-9));
            Assert.That(d.Outcome, Is.EqualTo(Outcome.NotMet));
            Assert.That(d.Explanation, Does.Contain("Udviklingen er målt på 2021–2025 og regnet fra værdien i 2025."));
            Assert.That(forecast.Note, Does.Contain("de seneste 5 observerede år"));
        });
    }
}
