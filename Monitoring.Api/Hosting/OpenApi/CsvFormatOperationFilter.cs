using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// Endpoints marked <see cref="CsvFormat"/> answer CSV too (<c>?format=csv</c> or <c>Accept: text/csv</c>, see
/// <c>ResponseFormat</c>): the filter documents the <c>format</c> query parameter and the <c>text/csv</c> answer
/// beside the JSON one. The handlers read the parameter from the query themselves, so the API explorer cannot see it.
/// </summary>
public sealed class CsvFormatOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (!context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<CsvFormat>().Any())
            return;
        operation.Parameters ??= [];
        if (!operation.Parameters.Any(p => p.Name == "format" && p.In == ParameterLocation.Query))
        {
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = "format",
                In = ParameterLocation.Query,
                Description = "json (the default) or csv; Accept: text/csv asks for CSV too.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("json"), JsonValue.Create("csv")] },
                Example = JsonValue.Create("csv"),
            });
        }
        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok is OpenApiResponse response)
        {
            response.Content ??= new Dictionary<string, IOpenApiMediaType>();
            response.Content["text/csv"] = new OpenApiMediaType
            {
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The same rows as CSV, with a header row." },
            };
        }
    }
}

/// <summary>Endpoint metadata: the answer is JSON, or CSV on <c>?format=csv</c> / <c>Accept: text/csv</c>.</summary>
public sealed record CsvFormat;

/// <summary>Endpoint metadata for the OpenAPI document.</summary>
public static class OpenApiMetadata
{
    /// <summary>Documents the <c>format</c> parameter and the CSV answer beside the JSON one (<see cref="CsvFormatOperationFilter"/>).</summary>
    public static RouteHandlerBuilder ProducesCsv(this RouteHandlerBuilder builder) => builder.WithMetadata(new CsvFormat());
}
