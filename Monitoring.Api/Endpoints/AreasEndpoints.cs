using System.Text.RegularExpressions;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Housing areas and benchmark scopes (municipality, all deprived areas, country).</summary>
public static partial class AreasEndpoints
{
    public static void MapAreasEndpoints(this RouteGroupBuilder api)
    {
        var areas = api.MapGroup("/areas").WithTags("Areas");
        areas.MapGet("/", async (ScopeStore store, PlanScopeLookup lookup, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await VisibleAsync(await store.ListAsync(ct), s => s.Code, context, lookup.AreasOfAsync, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListAreas")
            .WithSummary("All areas and benchmark scopes (a caller scoped to plans sees those of its plans).");
        areas.MapGet("/{code}", async (string code, ScopeStore store, FrameworkEditStore versions, HttpResponse response, CancellationToken ct) =>
            {
                // The version first, as for indicators: a stale ETag is refused, never a lost edit.
                if (await versions.CatalogVersionAsync("area", code, ct) is { } version)
                    RowETag.Set(response, version);
                return await store.FindAsync(code, ct) is { } scope ? TypedResults.Ok(scope) : Problems.NotFound("Area", code);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("GetArea")
            .Produces<Scope>()
            .WithSummary("One area or benchmark scope.");
        areas.MapPost("/", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CreateArea")
            .Produces<Scope>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Add an area or benchmark scope.");
    }

    private static async Task<IResult> CreateAsync(Scope scope, ScopeStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(scope.Code) || !CodePattern().IsMatch(scope.Code))
            errors.Add(new("code", scope.Code, "Brug store bogstaver, cifre og bindestreger (fx 0901-SOLHAVEN).", "Use capital letters, digits and hyphens (e.g. 0901-SOLHAVEN)."));
        if (string.IsNullOrWhiteSpace(scope.Name))
            errors.Add(new("name", scope.Name, "Skal udfyldes.", "Required."));
        if (errors.Count > 0)
            return Problems.InvalidFields("The area is not valid", errors);
        return await store.CreateAsync(scope, cancellationToken)
            ? TypedResults.Created($"/api/v1/areas/{scope.Code}", scope)
            : Problems.Conflict("Area", scope.Code);
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]{0,63}$")]
    private static partial Regex CodePattern();

    /// <summary>A list cut to what a caller scoped to plans may see (<see cref="PlanScopeGate"/> answers 404 for the rest); whole for everyone else.</summary>
    public static async Task<List<T>> VisibleAsync<T>(
        IEnumerable<T> items, Func<T, string> code, HttpContext context,
        Func<IEnumerable<string>, CancellationToken, Task<IReadOnlySet<string>>> reachable, CancellationToken cancellationToken)
    {
        if (context.User.PlanScope() is not { } scope)
            return items.ToList();
        var visible = await reachable(scope, cancellationToken);
        return items.Where(item => visible.Contains(code(item))).ToList();
    }
}
