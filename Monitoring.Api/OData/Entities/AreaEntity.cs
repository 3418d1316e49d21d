namespace Monitoring.Api.OData.Entities;

/// <summary>An area or benchmark population (entity set <c>Areas</c>; the API's "scopes").</summary>
public sealed class AreaEntity
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Kind { get; set; } = "";
    public string? MunicipalityCode { get; set; }
}
