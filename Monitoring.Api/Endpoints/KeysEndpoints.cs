using System.Globalization;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// <c>/api/v1/keys</c>: admins create, list and revoke API keys. The secret is in the creation
/// answer only; the list shows when each key was last used.
/// </summary>
public static class KeysEndpoints
{
    public sealed record CreateKeyBody(string? Name, string? Role, IReadOnlyList<string>? PlanScope, DateTimeOffset? ExpiresAt);

    public sealed record CreatedKey(long Id, string Key, string Name, string Role, IReadOnlyList<string> PlanScope, DateTimeOffset? ExpiresAt);

    public static void MapKeysEndpoints(this RouteGroupBuilder api)
    {
        var keys = api.MapGroup("/keys").WithTags("Access").RequireAuthorization(Policies.Admin);
        keys.MapPost("/", CreateAsync)
            .WithName("CreateKey")
            .Produces<CreatedKey>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Create an API key with a role (admin, analyst, viewer, bi), a plan scope (empty = every plan) and an optional expiry; the key is shown in this answer only.");
        keys.MapGet("/", async (ApiKeyStore store, CancellationToken ct) => TypedResults.Ok(await store.ListAsync(ct)))
            .WithName("ListKeys")
            .WithSummary("Every key with role, plan scope, expiry, last use and revocation; never the secret.");
        keys.MapGet("/{id:long}", async (long id, ApiKeyStore store, CancellationToken ct) =>
                await store.GetAsync(id, ct) is { } key ? Results.Ok(key) : Problems.NotFound("Key", id.ToString(CultureInfo.InvariantCulture)))
            .WithName("GetKey")
            .Produces<ApiKeyInfo>()
            .WithSummary("One key's role, plan scope, expiry, last use and revocation.");
        keys.MapDelete("/{id:long}", async (long id, ApiKeyStore store, CancellationToken ct) =>
                await store.RevokeAsync(id, ct) ? Results.NoContent() : Problems.NotFound("Key", id.ToString(CultureInfo.InvariantCulture)))
            .WithName("RevokeKey")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Revoke a key; from then on it answers 401 everywhere.");
    }

    private static async Task<IResult> CreateAsync(
        CreateKeyBody body, ApiKeyStore store, PlanStore plans, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        if (await GrantCheck.ProblemAsync(body.Name, body.Role, body.PlanScope, plans, cancellationToken) is { } problem)
            return problem;
        if (body.ExpiresAt is { } expires && expires <= clock.GetUtcNow())
            return Problems.BadParameter("expiresAt", expires.ToString("O", CultureInfo.InvariantCulture), "The expiry must lie in the future.");
        var (id, key) = await store.CreateAsync(body.Name!.Trim(), body.Role!, body.PlanScope, body.ExpiresAt, cancellationToken);
        // The log says what was granted, not only that a key was made.
        WriteAudit.Describe(context, $"key '{body.Name.Trim()}', {WriteAudit.Grant(body.Role!, body.PlanScope)}, expires "
            + (body.ExpiresAt is { } at ? at.ToUniversalTime().ToString("u", CultureInfo.InvariantCulture) : "never"));
        return TypedResults.Created(
            string.Create(CultureInfo.InvariantCulture, $"/api/v1/keys/{id}"),
            new CreatedKey(id, key, body.Name.Trim(), body.Role!, PlanScopeText.Parse(PlanScopeText.Format(body.PlanScope)), body.ExpiresAt?.ToUniversalTime()));
    }
}
