namespace Monitoring.Ingest.Import;

/// <summary>One data row of the canonical long CSV, as text, before validation.</summary>
public sealed record CanonicalCsvRow(
    int Row,
    string Indicator,
    string Area,
    string Period,
    string Value,
    string Numerator,
    string Denominator,
    string Subgroup);
