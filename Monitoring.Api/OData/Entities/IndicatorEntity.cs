namespace Monitoring.Api.OData.Entities;

/// <summary>An indicator (entity set <c>Indicators</c>); enums as the API's camelCase text.</summary>
public sealed class IndicatorEntity
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public string Unit { get; set; } = "";
    public string Direction { get; set; } = "";
    public string Source { get; set; } = "";
    public string Periodicity { get; set; } = "";
    public int Decimals { get; set; }
    public string? Definition { get; set; }
    public bool Influenceable { get; set; }
}
