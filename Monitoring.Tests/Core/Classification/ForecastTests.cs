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
        profile.In(2024, AreaProfile.OutsideLabour, 60); // an outlier the robust line ignores

        var forecast = Forecaster.Forecast(profile.Input, 2025, lists: 1);

        // List 2026 averages 2024 (observed 60) and 2025 (projected along the line of the other years, about 43).
        var b = forecast.Lists[0].Criteria.Single(c => c.Code == "b");
        Assert.That(b.ProjectedAverage, Is.EqualTo((60 + 43) / 2.0).Within(0.6));
    }
}
