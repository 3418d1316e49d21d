using Monitoring.Core.Statistics;

namespace Monitoring.Core.Classification;

/// <summary>
/// Projects each criterion indicator (the area's and the references') along its Theil–Sen slope — the goal
/// engine's trend — past the last observed year, then runs the ordinary engine on the projected values for the
/// next list dates. Observed years are never replaced; only years after the last observation are filled.
/// The slope is fitted on the latest <see cref="FitYears"/> observed years only, and the projection starts
/// from the last observed value: a line fitted to twenty years of a series that has since turned would
/// otherwise project a jump against the current direction (a share of 55.1 % and falling projected at 58.9 %).
/// </summary>
public sealed class ClassificationForecaster(ClassificationEngine engine)
{
    /// <summary>How many lists beyond the forecast a crossing of a threshold is looked for.</summary>
    public const int Horizon = 10;

    /// <summary>How many of the latest observed years the trend is fitted on.</summary>
    public const int FitYears = 5;

    public const string Note =
        "Fremskrivning: kriterieværdierne er fremskrevet fra den seneste observerede værdi med udviklingen i de seneste 5 observerede år " +
        "(Theil–Sen-trend); det er ikke ministeriets liste.";

    public ClassificationForecast Forecast(ClassificationInput input, int basedOnListYear, int lists = 3)
    {
        var last = basedOnListYear + lists + Horizon;
        var table = engine.Table;
        var lastDataYear = table.For(last)?.LatestDataYear(last) ?? last;
        var lines = new List<ProjectionLine>();
        var projected = new ClassificationInput(
            Project(input.Area, "area", lastDataYear, lines),
            Project(input.National, "national", lastDataYear, lines),
            Project(input.Region, "region", lastDataYear, lines));
        var results = engine.Evaluate(projected, Enumerable.Range(basedOnListYear + 1, lists + Horizon), isProjection: true)
            .ToDictionary(r => r.ListYear);
        var forecasts = new List<ListProjection>();
        for (var year = basedOnListYear + 1; year <= basedOnListYear + lists; year++)
        {
            if (!results.TryGetValue(year, out var result))
                continue;
            var criteria = result.Criteria.Select(c => Criterion(c, year, results, input)).ToList();
            var on = result.Categories.Where(c => c.Outcome == Outcome.Met).Select(c => c.Name).ToList();
            var unknown = result.Categories.Where(c => c.Outcome == Outcome.CannotBeEvaluated).Select(c => c.Name).ToList();
            var summary = $"Fremskrivning for listen {ClassificationText.Year(year)}: " +
                (on.Count > 0 ? "på listen som " + string.Join(", ", on) : "ikke på nogen liste") +
                (unknown.Count > 0 ? "; kan ikke vurderes: " + string.Join(", ", unknown) : "");
            forecasts.Add(new ListProjection(year, result.ListDate, result, criteria, summary));
        }
        return new ClassificationForecast(basedOnListYear, true, Note, lines, forecasts);
    }

    private static YearlyValues Project(YearlyValues observed, string scope, int lastDataYear, List<ProjectionLine> lines)
    {
        var projected = observed.Copy();
        foreach (var indicator in observed.Indicators)
        {
            var series = observed.Series(indicator);
            var recent = series.OrderByDescending(p => p.Key).Take(FitYears).OrderBy(p => p.Key).ToList();
            if (recent.Count < 2 || TheilSen.Fit(recent.Select(p => new TimePoint(p.Key, p.Value)).ToList()) is not { } fitted)
                continue;
            var (lastYear, lastValue) = (recent[^1].Key, recent[^1].Value);
            // Anchored at the last observation, so the projection continues from where the series is now.
            var line = new LinearTrend(fitted.Slope, lastValue - fitted.Slope * lastYear);
            lines.Add(new ProjectionLine(scope, indicator, line.Slope, line.Intercept, lastYear));
            for (var year = lastYear + 1; year <= lastDataYear; year++)
                projected.Set(indicator, year, line.ValueAt(year));
        }
        return projected;
    }

    private static CriterionProjection Criterion(CriterionEvaluation criterion, int listYear, Dictionary<int, ClassificationResult> results, ClassificationInput observed)
    {
        var distance = criterion.Average - criterion.Threshold;
        int? crosses = null;
        var steadyUntil = listYear;
        if (criterion.Outcome != Outcome.CannotBeEvaluated)
        {
            for (var later = listYear + 1; later <= listYear + Horizon; later++)
            {
                var same = results.TryGetValue(later, out var result)
                    ? result.Criteria.FirstOrDefault(c => c.Code == criterion.Code && c.Indicator == criterion.Indicator)
                    : null;
                if (same is null || same.Outcome == Outcome.CannotBeEvaluated)
                    break;
                if (same.Outcome != criterion.Outcome)
                {
                    crosses = later;
                    break;
                }
                steadyUntil = later;
            }
        }
        var projectedYears = criterion.Values.Select(v => v.Year)
            .Where(y => observed.Area.Get(criterion.Indicator, y) is null
                || (criterion.RelativeTo != ReferenceScope.None && observed.Reference(criterion.RelativeTo).Get(criterion.Indicator, y) is null))
            .ToList();
        var fitted = observed.Area.Series(criterion.Indicator).Keys.OrderDescending().Take(FitYears).ToList();
        var trend = projectedYears.Count > 0 && fitted.Count >= 2
            ? $" Udviklingen er målt på {ClassificationText.Year(fitted[^1])}–{ClassificationText.Year(fitted[0])} og regnet fra værdien i {ClassificationText.Year(fitted[0])}."
            : "";
        return new CriterionProjection(criterion.Code, criterion.Name, criterion.Indicator, criterion.Average, criterion.Threshold,
            criterion.Operator, criterion.Outcome, distance, crosses, projectedYears,
            Explain(criterion, distance, crosses, steadyUntil, listYear) + trend);
    }

    /// <summary>A stated threshold as the law writes it (40 %); a relative one as the figure it came to.</summary>
    private static string ThresholdText(CriterionEvaluation criterion, double threshold, int decimals) =>
        criterion.RelativeTo == ReferenceScope.None
            ? ClassificationText.Value(threshold, criterion.Unit, ClassificationText.ThresholdDecimals(threshold))
            : ClassificationText.Value(threshold, criterion.Unit, decimals);

    private static string Explain(CriterionEvaluation criterion, double? distance, int? crosses, int steadyUntil, int listYear)
    {
        if (distance is not { } d || criterion.Threshold is not { } threshold)
            return $"Fremskrivning {ClassificationText.Year(listYear)}: {criterion.Explanation}";
        var decimals = criterion.Unit == CriterionUnit.Percent ? 1 : 0;
        var side = d >= 0 ? "over" : "under";
        var text = $"Fremskrivning {ClassificationText.Year(listYear)}: {criterion.Name}: " +
            $"{ClassificationText.Difference(Math.Abs(d), criterion.Unit, decimals)} {side} grænsen på {ThresholdText(criterion, threshold, decimals)}";
        var other = d >= 0 ? "under" : "over";
        var outcome = $" (fremskrevet: {criterion.Outcome.Danish()})";
        if (crosses is { } year)
            return text + $"; med den nuværende udvikling {other} grænsen i {ClassificationText.Year(year)}" + outcome;
        return steadyUntil > listYear
            ? text + $"; med den nuværende udvikling fortsat {side} grænsen frem til {ClassificationText.Year(steadyUntil)}" + outcome
            : text + outcome;
    }
}
