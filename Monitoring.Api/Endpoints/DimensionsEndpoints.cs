using System.Text.RegularExpressions;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Subgroup dimensions (<c>koen</c>, <c>alder</c>) and the values an observation's subgroup may take.</summary>
public static partial class DimensionsEndpoints
{
    public static void MapDimensionsEndpoints(this RouteGroupBuilder api)
    {
        var dimensions = api.MapGroup("/dimensions").WithTags("Dimensions");
        dimensions.MapGet("/", async (DimensionStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListDimensions")
            .WithSummary("All subgroup dimensions with their allowed values and Danish labels; a subgroup is written dimension:value.");
        dimensions.MapGet("/{code}", async (string code, DimensionStore store, CancellationToken ct) =>
                await store.FindAsync(code, ct) is { } dimension ? TypedResults.Ok(dimension) : Problems.NotFound("Dimension", code))
            .RequireAuthorization(Policies.Read)
            .WithName("GetDimension")
            .Produces<Dimension>()
            .WithSummary("One subgroup dimension.");
        dimensions.MapPost("/", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CreateDimension")
            .Produces<Dimension>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Declare a subgroup dimension with its allowed values (codes are stored in lower case).");
    }

    private static async Task<IResult> CreateAsync(Dimension dimension, DimensionStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(dimension.Code) || !CodePattern().IsMatch(dimension.Code))
        {
            errors.Add(new("code", dimension.Code,
                "Brug små bogstaver, cifre og bindestreger (fx koen).", "Use lower-case letters, digits and hyphens (e.g. koen)."));
        }
        if (string.IsNullOrWhiteSpace(dimension.Label))
            errors.Add(new("label", dimension.Label, "Skal udfyldes.", "Required."));
        var values = dimension.Values ?? [];
        if (values.Count == 0)
            errors.Add(new("values", null, "Angiv mindst én tilladt værdi.", "Give at least one allowed value."));
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            // Values such as 15-29 and 65+ are allowed; a colon would make dimension:value ambiguous.
            if (string.IsNullOrWhiteSpace(value?.Code) || !ValuePattern().IsMatch(value.Code))
            {
                errors.Add(new($"values[{i}].code", value?.Code,
                    "Brug bogstaver, cifre, bindestreg eller plus (fx kvinde, 15-29, 65+).",
                    "Use letters, digits, hyphens or plus (e.g. kvinde, 15-29, 65+)."));
            }
            else if (!seen.Add(value.Code))
            {
                errors.Add(new($"values[{i}].code", value.Code, "Værdien er angivet to gange.", "The value is given twice."));
            }
            if (string.IsNullOrWhiteSpace(value?.Label))
                errors.Add(new($"values[{i}].label", value?.Label, "Skal udfyldes.", "Required."));
        }
        if (errors.Count > 0)
            return Problems.InvalidFields("The dimension is not valid", errors);
        var stored = dimension with { Code = dimension.Code.ToLowerInvariant(), Values = values.Select(v => v with { Code = v.Code.ToLowerInvariant() }).ToList() };
        return await store.CreateAsync(stored, cancellationToken)
            ? TypedResults.Created($"/api/v1/dimensions/{stored.Code}", stored)
            : Problems.Conflict("Dimension", stored.Code);
    }

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9-]{0,31}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[a-zA-Z0-9æøåÆØÅ][a-zA-Z0-9æøåÆØÅ+-]{0,31}$")]
    private static partial Regex ValuePattern();
}
