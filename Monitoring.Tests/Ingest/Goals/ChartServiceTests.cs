using Microsoft.Extensions.Caching.Memory;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Reports;
using static Monitoring.Tests.Core.Evaluation.EvaluationFixtures;

namespace Monitoring.Tests.Ingest.Goals;

/// <summary>The chart service's render cache: two different charts never share a cached image.</summary>
public class ChartServiceTests
{
    [Test]
    public void Two_charts_whose_confidence_bands_differ_only_in_where_they_lie_are_rendered_apart()
    {
        // The band's points are value tuples, which a JSON-serialised cache key wrote as {}; their
        // low and high ends reached the key only by way of the computed AllY, their x positions
        // not at all, so the second chart was served the first one's image.
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var charts = new ChartService(null!, null!, null!, null!, null!, null!, cache);
        var evaluation = TargetEvaluator.Evaluate(Target(), OutsideLabourMarket, Yearly((2018, 50), (2020, 49), (2022, 48)));
        var early = ChartDescriptions.ForTarget(evaluation, OutsideLabourMarket, "Solhaven", null, null, []) with
        {
            Band = new ChartBand("95 %", [(2018, 49, 51), (2020, 48, 50)]),
        };
        var late = early with { Band = new ChartBand("95 %", [(2020, 49, 51), (2022, 48, 50)]) };

        var first = charts.Render(early, "svg", 800, 400, ChartVariant.Full);
        var second = charts.Render(late, "svg", 800, 400, ChartVariant.Full);

        Assert.That(second.Content, Is.Not.EqualTo(first.Content));
        Assert.That(second.ETag, Is.Not.EqualTo(first.ETag));
    }
}
