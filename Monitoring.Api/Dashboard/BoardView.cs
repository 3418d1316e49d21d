using Monitoring.Core.Evaluation;
using Monitoring.Core.Periods;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// What every board page needs besides its data: the words for codes, and the <c>asOf</c> the page is
/// read at. Every link, chart and sparkline URL carries that <c>asOf</c>, and staleness is judged at
/// its end, so a page "as of 2021" shows 2021 everywhere, not 2021 text beside 2024 charts.
/// </summary>
public sealed record BoardView(BoardWords Words, Period? AsOf, DateOnly JudgedAt)
{
    public static BoardView Create(BoardWords words, Period? asOf, TimeProvider clock)
    {
        return new(words, asOf, JudgedOn(asOf, clock));
    }

    /// <summary>The day a page as of <paramref name="asOf"/> is judged on: the period's last day, or today if that is earlier.</summary>
    public static DateOnly JudgedOn(Period? asOf, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        return asOf is { } at && at.LastDay < today ? at.LastDay : today;
    }

    /// <summary>The asOf query to add, starting with <paramref name="separator"/>; empty when the page shows today.</summary>
    public string AsOfQuery(char separator = '?') => AsOf is { } at ? $"{separator}asOf={Uri.EscapeDataString(at.ToString())}" : "";

    public static string PlanUrlOf(string slug) => $"/planer/{Uri.EscapeDataString(slug)}";

    public string PlanUrl(string slug) => PlanUrlOf(slug) + AsOfQuery();

    public string GoalUrl(string slug, long goalId) => $"{PlanUrlOf(slug)}/maal/{goalId}{AsOfQuery()}";

    public string TargetUrl(string slug, long goalId, long targetId) => $"{GoalUrl(slug, goalId)}#sk-{targetId}";

    public string SparklineUrl(long targetId) => $"/api/v1/charts/targets/{targetId}.svg?variant=sparkline{AsOfQuery('&')}";

    public string TargetChartUrl(long targetId) => $"/api/v1/charts/targets/{targetId}.svg{AsOfQuery()}";

    public string GoalChartUrl(long goalId, int height) => $"/api/v1/charts/goals/{goalId}.svg?height={height}{AsOfQuery('&')}";

    /// <summary>The indicator page in the target's area; up to asOf, as the indicator page reads it.</summary>
    public string IndicatorUrl(string code, string area) =>
        $"/indikatorer/{Uri.EscapeDataString(code)}?area={Uri.EscapeDataString(area)}{AsOfQuery('&')}";

    /// <summary>Data that were fresh at asOf are not stale because today is later.</summary>
    public bool IsStale(TargetEvaluation target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.Latest is { } latest && Words.Indicator(target.IndicatorCode) is { } indicator
            && Staleness.IsStale(indicator.Periodicity, latest.Period, JudgedAt);
    }
}
