using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// Describes the request body of an endpoint marked <see cref="FileUpload"/> as a multipart form
/// with a binary file field: these handlers read the form themselves (to stream and to answer bad
/// multipart with a problem), so the API explorer cannot see the body on its own.
/// </summary>
public sealed class FileUploadOperationFilter : IOperationFilter
{
    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var upload = context.ApiDescription.ActionDescriptor.EndpointMetadata.OfType<FileUpload>().FirstOrDefault();
        if (upload is null)
            return;
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = upload.Description,
            Content = new Dictionary<string, IOpenApiMediaType>
            {
                ["multipart/form-data"] = new OpenApiMediaType
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { upload.Field },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            [upload.Field] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = upload.Description },
                        },
                    },
                },
            },
        };
    }
}

/// <summary>Endpoint metadata: the request is a multipart form whose <see cref="Field"/> carries a file.</summary>
public sealed record FileUpload(string Field, string Description);
