namespace Monitoring.Api.OData.Entities;

/// <summary>
/// One current observation (entity set <c>Observations</c>) after small numbers are withheld: names
/// and unit beside the codes, the 95 % interval where one is defined, and the flags as text and as
/// booleans a report can filter on. <see cref="Id"/> is the storage position, stable between reads.
/// </summary>
public sealed class ObservationEntity
{
    public string Id { get; set; } = "";
    public string IndicatorCode { get; set; } = "";
    public string IndicatorName { get; set; } = "";
    public string Unit { get; set; } = "";
    public string AreaCode { get; set; } = "";
    public string AreaName { get; set; } = "";
    public string Period { get; set; } = "";
    public int Year { get; set; }
    public string Subgroup { get; set; } = "";
    public double? Value { get; set; }
    public double? Numerator { get; set; }
    public double? Denominator { get; set; }
    public double? IntervalLower { get; set; }
    public double? IntervalUpper { get; set; }
    public string Flags { get; set; } = "";
    public bool Suppressed { get; set; }
    public bool Provisional { get; set; }
    public bool Revised { get; set; }
    public long BatchId { get; set; }
    public IndicatorEntity? Indicator { get; set; }
    public AreaEntity? Area { get; set; }
}
