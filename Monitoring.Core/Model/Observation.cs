using Monitoring.Core.Periods;

namespace Monitoring.Core.Model;

/// <summary>
/// One value of an indicator for a scope, period and subgroup (empty subgroup = the whole
/// population), as delivered by one import batch. A later batch with a different value for the
/// same key is a revision; the earlier version is kept.
/// </summary>
public sealed record Observation(
    string IndicatorCode,
    string ScopeCode,
    Period Period,
    string Subgroup,
    double? Value,
    double? Numerator,
    double? Denominator,
    ObservationFlags Flags,
    long BatchId);

[Flags]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The flags an observation carries: the domain's name for them.")]
public enum ObservationFlags
{
    None = 0,
    Provisional = 1,
    Revised = 2,
    Suppressed = 4,
}
