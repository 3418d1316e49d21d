using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Import;

/// <summary>A validated row of an upload, ready to be compared with what is stored.</summary>
public sealed record IncomingObservation(
    int Row,
    string IndicatorCode,
    string ScopeCode,
    Period Period,
    string Subgroup,
    double Value,
    double? Numerator,
    double? Denominator)
{
    public ObservationKey Key => new(IndicatorCode, ScopeCode, Subgroup, Period.ToString());
}

/// <summary>What identifies an observation across versions.</summary>
public readonly record struct ObservationKey(string IndicatorCode, string ScopeCode, string Subgroup, string Period);
