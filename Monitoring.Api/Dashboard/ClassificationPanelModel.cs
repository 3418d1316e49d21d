using Monitoring.Core.Classification;
using Monitoring.Ingest.Classification;

namespace Monitoring.Api.Dashboard;

/// <summary>One point of a criterion chart: the value judged at a list (the window's average) and the threshold then.</summary>
public sealed record CriterionChartPoint(int ListYear, double? Value, double? Threshold, bool Projected);

/// <summary>A criterion indicator over the lists: its value against the threshold of each list's regime, then the projection.</summary>
public sealed record CriterionChart(string Indicator, string Name, CriterionUnit Unit, int Decimals, IReadOnlyList<CriterionChartPoint> Points);

/// <summary>An area of the plan that is or was on a statutory list: the list now, its history, the projection and the charts.</summary>
public sealed record AreaListStatus(
    string Area, string Name, ClassificationResult Current, IReadOnlyList<ClassificationResult> History, ClassificationForecast Forecast,
    IReadOnlyList<CriterionChart> Charts);

/// <summary>
/// What the plan overview's list-status panel shows (<see cref="Views.ClassificationPanel"/>): only the plan's areas
/// that are or were on a list since 2010. Empty when none was: then the panel is not shown.
/// </summary>
public sealed record ClassificationPanelModel(int ListYear, IReadOnlyList<AreaListStatus> Areas)
{
    private static readonly ClassificationEngine Engine = new(ClassificationInputs.Table);
    private static readonly ClassificationForecaster Forecaster = new(Engine);

    /// <summary>The panel for the given areas (a plan's <c>AreaCodes</c>) at the list in force on <paramref name="today"/>.</summary>
    public static async Task<ClassificationPanelModel> BuildAsync(
        IEnumerable<string> areaCodes, ClassificationInputs inputs, DateOnly today, CancellationToken cancellationToken = default)
    {
        var listYear = ClassificationInputs.Table.ListYearOn(today) ?? ClassificationInputs.Table.FirstListYear;
        var read = new List<AreaClassificationInput>();
        foreach (var code in areaCodes)
        {
            if (await inputs.ForAreaAsync(code, cancellationToken) is { } input)
                read.Add(input);
        }
        return Build(read, listYear);
    }

    public static ClassificationPanelModel Build(IEnumerable<AreaClassificationInput> inputs, int listYear)
    {
        var areas = new List<AreaListStatus>();
        foreach (var input in inputs)
        {
            var history = Engine.History(input.Input, listYear);
            if (history.Count == 0 || history.All(h => h.Lists.Count == 0))
                continue;
            var forecast = Forecaster.Forecast(input.Input, listYear);
            areas.Add(new AreaListStatus(input.Area.Code, input.Area.Name, history[^1], history, forecast, Charts(history, forecast)));
        }
        return new ClassificationPanelModel(listYear, areas);
    }

    /// <summary>
    /// One chart per indicator of the current regime's criteria; each list contributes its first criterion on that
    /// indicator (the main list's, before the forebyggelse and rental variants of the same figure).
    /// </summary>
    private static List<CriterionChart> Charts(IReadOnlyList<ClassificationResult> history, ClassificationForecast forecast)
    {
        var lists = history.Select(h => (Result: h, Projected: false)).Concat(forecast.Lists.Select(l => (Result: l.Classification, Projected: true))).ToList();
        return history[^1].Criteria
            .GroupBy(c => c.Indicator, StringComparer.Ordinal)
            .Select(g => g.First())
            .Select(current => new CriterionChart(current.Indicator, current.Name, current.Unit, current.Unit == CriterionUnit.Percent ? 1 : 0,
                lists.Select(l => l.Result.Criteria.FirstOrDefault(c => c.Indicator == current.Indicator) is { } c
                        ? new CriterionChartPoint(l.Result.ListYear, c.Average, c.Threshold, l.Projected)
                        : new CriterionChartPoint(l.Result.ListYear, null, null, l.Projected))
                    .ToList()))
            .ToList();
    }
}
