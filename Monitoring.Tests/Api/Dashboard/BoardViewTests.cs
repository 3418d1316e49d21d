using Microsoft.Extensions.Time.Testing;
using Monitoring.Api.Dashboard;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The board's words for codes, and asOf carried into URLs and staleness.</summary>
public class BoardViewTests
{
    private static readonly Indicator Rate = new("RATE", "Domfældelser pr. 1.000 beboere", null, IndicatorUnit.Rate, Direction.LowerBetter,
        IndicatorSource.Register, Periodicity.Yearly, 1, null, Influenceable: true);

    private static readonly Indicator Income = new("INCOME", "Indkomst", null, IndicatorUnit.Index, Direction.HigherBetter,
        IndicatorSource.Register, Periodicity.Yearly, 1, null, Influenceable: false);

    private static BoardWords Words() => new(
        new Dictionary<string, Indicator> { [Rate.Code] = Rate, [Income.Code] = Income },
        new Dictionary<string, Scope>
        {
            ["0901-SOLHAVEN"] = new("0901-SOLHAVEN", "Solhaven", ScopeKind.Area, "0901"),
            ["K0901"] = new("K0901", "Østerby Kommune", ScopeKind.Municipality, "0901"),
        },
        [new Dimension("koen", "Køn", [new DimensionValue("kvinde", "Kvinder"), new DimensionValue("mand", "Mænd")])]);

    private static TargetEvaluation LatestIn(int year)
    {
        var target = new Target(1, 1, Rate.Code, "0901-SOLHAVEN", "", Period.OfYear(2018), 30, Period.OfYear(2026), 20, 0.05, 1, null, []);
        var observations = Enumerable.Range(2018, year - 2017)
            .Select(y => new Observation(Rate.Code, "0901-SOLHAVEN", Period.OfYear(y), "", 30 - (y - 2018), null, null, ObservationFlags.None, 1))
            .ToList();
        return TargetEvaluator.Evaluate(target, Rate, observations);
    }

    [Test]
    public void Codes_read_as_names_subgroups_by_their_Danish_labels_and_values_with_Danish_units()
    {
        var words = Words();

        Assert.That(words.AreaName("0901-SOLHAVEN"), Is.EqualTo("Solhaven"));
        Assert.That(words.MunicipalityName("0901"), Is.EqualTo("Østerby Kommune"));
        Assert.That(words.SubgroupName("koen:kvinde"), Is.EqualTo("Køn: Kvinder"));
        Assert.That(words.SubgroupName("KOEN:Mand"), Is.EqualTo("Køn: Mænd"));
        Assert.That(words.SubgroupName(""), Is.EqualTo("alle"));
        Assert.That(words.Value(18.25, Rate.Code), Is.EqualTo("18,3 pr. 1.000"));
        Assert.That(BoardWords.UnitName(IndicatorUnit.Percent), Is.EqualTo("procent"));
        Assert.That(words.Influenceable(Income.Code), Is.False);
        Assert.That(words.Influenceable(Rate.Code), Is.True);
    }

    [Test]
    public void AsOf_goes_into_every_chart_and_link_url_and_staleness_is_judged_at_its_end()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));
        var then = BoardView.Create(Words(), Period.OfYear(2021), clock);
        var now = BoardView.Create(Words(), null, clock);
        var measuredIn2021 = LatestIn(2021);

        Assert.That(then.SparklineUrl(5), Is.EqualTo("/api/v1/charts/targets/5.svg?variant=sparkline&asOf=2021"));
        Assert.That(then.TargetChartUrl(5), Is.EqualTo("/api/v1/charts/targets/5.svg?asOf=2021"));
        Assert.That(then.GoalChartUrl(3, 300), Is.EqualTo("/api/v1/charts/goals/3.svg?height=300&asOf=2021"));
        Assert.That(then.TargetUrl("oesterby-nord", 3, 5), Is.EqualTo("/planer/oesterby-nord/maal/3?asOf=2021#sk-5"));
        Assert.That(now.SparklineUrl(5), Does.Not.Contain("asOf"));
        Assert.That(then.JudgedAt, Is.EqualTo(new DateOnly(2021, 12, 31)));
        Assert.That(then.IsStale(measuredIn2021), Is.False, "fresh at the meeting in 2021");
        Assert.That(now.IsStale(measuredIn2021), Is.True, "five years old today");
        Assert.That(now.IsStale(LatestIn(2024)), Is.False);
    }
}
