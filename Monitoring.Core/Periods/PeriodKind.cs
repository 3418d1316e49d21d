namespace Monitoring.Core.Periods;

/// <summary>The granularity of a period; the value is its length in months.</summary>
public enum PeriodKind
{
    Month = 1,
    Quarter = 3,
    Half = 6,
    Year = 12,
}
