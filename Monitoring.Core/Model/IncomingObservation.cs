using Monitoring.Core.Periods;

namespace Monitoring.Core.Model;

/// <summary>A validated row of an upload, ready to be compared with what is stored.</summary>
public sealed record IncomingObservation(
    int Row,
    string IndicatorCode,
    string ScopeCode,
    Period Period,
    string Subgroup,
    double Value,
    double? Numerator,
    double? Denominator);
