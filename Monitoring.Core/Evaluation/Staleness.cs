using Monitoring.Core.Model;
using Monitoring.Core.Periods;

namespace Monitoring.Core.Evaluation;

/// <summary>
/// Data are stale when the latest period ended longer ago than the indicator's rhythm plus the
/// usual year of register lag allows: twice the period length plus twelve months.
/// </summary>
public static class Staleness
{
    public static bool IsStale(Periodicity periodicity, Period latest, DateOnly today)
    {
        var months = periodicity switch
        {
            Periodicity.Yearly => 12,
            Periodicity.HalfYearly => 6,
            Periodicity.Quarterly => 3,
            Periodicity.Monthly => 1,
            _ => (int?)null,
        };
        if (months is null)
            return false;
        var todayOrdinal = today.Year * 12 + today.Month - 1;
        return todayOrdinal - latest.EndOrdinal > 2 * months.Value + 12;
    }
}
