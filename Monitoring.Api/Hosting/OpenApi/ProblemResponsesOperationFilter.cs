using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;
using Monitoring.Api.Http;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// The problem answers every route shares, so the endpoints only declare their own: 401 on every route
/// that needs a caller, 403 on those that need a role above reading, 400 on every route with a body, 404 on every route that names a
/// resource in its path (missing, or outside a scoped caller's plans), 429 (the per-caller rate limit)
/// and 503 (database unavailable) everywhere. Every problem answer is <c>application/problem+json</c>
/// with the schema of its kind, and its description names the stable <c>/problems/{name}</c> types
/// it can carry (<see cref="ProblemTypes.All"/>).
/// </summary>
public sealed class ProblemResponsesOperationFilter : IOperationFilter
{
    public const string ProblemJson = "application/problem+json";

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        var description = context.ApiDescription;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= new OpenApiResponses();

        var authorize = metadata.OfType<IAuthorizeData>().ToList();
        if (authorize.Count > 0 && !metadata.OfType<IAllowAnonymous>().Any())
        {
            Add(operation, 401);
            if (authorize.Any(a => a.Policy is Auth.Policies.Write or Auth.Policies.Admin))
                Add(operation, 403);
        }
        // A body that is not valid JSON (or multipart) is refused by the framework before the handler: /problems/bad-request.
        if (operation.RequestBody is not null)
            Add(operation, 400);
        if (description.ParameterDescriptions.Any(p => p.Source.Id == "Path"))
            Add(operation, 404);
        Add(operation, 429);
        Add(operation, 503);

        foreach (var (code, response) in operation.Responses.ToList())
        {
            if (!int.TryParse(code, out var status) || status < 400 || response is not OpenApiResponse concrete)
                continue;
            var schemaType = status switch
            {
                400 => typeof(BadRequestProblem),
                422 when metadata.OfType<RejectsImport>().Any() => typeof(RejectedImportProblem),
                422 => typeof(InvalidFieldsProblem),
                _ => typeof(ProblemDetails),
            };
            var rejectsImport = metadata.OfType<RejectsImport>().Any();
            concrete.Content = new Dictionary<string, IOpenApiMediaType>
            {
                [ProblemJson] = new OpenApiMediaType
                {
                    Schema = context.SchemaGenerator.GenerateSchema(schemaType, context.SchemaRepository),
                    Example = Example(status, rejectsImport),
                },
            };
            concrete.Description = Describe(status, rejectsImport);
        }
        operation.Responses = Sorted(operation.Responses);
    }

    private static void Add(OpenApiOperation operation, int status)
    {
        var code = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (!operation.Responses!.ContainsKey(code))
            operation.Responses[code] = new OpenApiResponse();
    }

    /// <summary>The problem types a status carries here: a 422 is either a rejected file (uploads) or invalid fields (everything else), never both.</summary>
    private static List<ProblemType> TypesOf(int status, bool rejectsImport) =>
        ProblemTypes.All.Where(t => t.Status == status && (status != 422 || rejectsImport == (t.Name == "rejected-import"))).ToList();

    /// <summary>An example answer with the stable type (the first, for a 400: bad-parameter, the commonest).</summary>
    private static JsonObject? Example(int status, bool rejectsImport)
    {
        var types = TypesOf(status, rejectsImport);
        var type = types.FirstOrDefault(t => t.Name == "bad-parameter") ?? types.FirstOrDefault();
        return type is null
            ? null
            : new JsonObject
            {
                ["type"] = type.Type,
                ["title"] = ReasonPhrase(status),
                ["status"] = status,
                ["detail"] = type.DescriptionEn,
            };
    }

    /// <summary>What the status means here, and the problem types it carries.</summary>
    private static string Describe(int status, bool rejectsImport)
    {
        var types = TypesOf(status, rejectsImport);
        var meaning = string.Join(" ", types.Select(t => t.DescriptionEn).Distinct());
        var names = string.Join(", ", types.Select(t => t.Type));
        return types.Count == 0 ? ReasonPhrase(status) : $"{ReasonPhrase(status)}: {meaning} Problem type: {names}.";
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Problem";

    private static OpenApiResponses Sorted(OpenApiResponses responses)
    {
        var sorted = new OpenApiResponses();
        foreach (var (code, response) in responses.OrderBy(r => r.Key, StringComparer.Ordinal))
            sorted[code] = response;
        return sorted;
    }
}

/// <summary>Endpoint metadata: a 422 from this endpoint is a rejected file (<c>/problems/rejected-import</c>), not invalid fields.</summary>
public sealed record RejectsImport;
