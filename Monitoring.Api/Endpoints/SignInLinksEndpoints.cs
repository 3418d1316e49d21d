using System.Globalization;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/sign-in-links</c>: an admin creates a personal sign-in link for a named person
/// with a role and plan scope. One use, short-lived; the answer carries the link's path this once.
/// Admins list the links and revoke one nobody has used (a link sent to the wrong person).
/// </summary>
public static class SignInLinksEndpoints
{
    public sealed record CreateLinkBody(string? Name, string? Role, IReadOnlyList<string>? PlanScope, string? SteeringGroup = null);

    public sealed record CreatedLink(
        long Id, string Path, string Name, string Role, IReadOnlyList<string> PlanScope, DateTimeOffset ExpiresAt, string? SteeringGroup);

    public static void MapSignInLinksEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/sign-in-links", CreateAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Access")
            .WithName("CreateSignInLink")
            .Produces<CreatedLink>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Create a one-use, short-lived sign-in link for a named person with a role and plan scope, optionally for one steering group (role viewer: the person may then report that group's activities on the chain page); the path (to put after the service's address) is shown in this answer only.");
        api.MapGet("/sign-in-links", async (SignInLinkStore links, CancellationToken ct) => TypedResults.Ok(await links.ListAsync(ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Access")
            .WithName("ListSignInLinks")
            .Produces<IReadOnlyList<SignInLinkInfo>>()
            .WithSummary("Every sign-in link still on record, newest first: for whom, role, plan scope, steering group, who made it, when it expires and when it was used; never the link itself.");
        api.MapGet("/sign-in-links/{id:long}", GetAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Access")
            .WithName("GetSignInLink")
            .Produces<SignInLinkInfo>()
            .WithSummary("One sign-in link (the Location of its creation); never the link itself.");
        api.MapDelete("/sign-in-links/{id:long}", RevokeAsync)
            .RequireAuthorization(Policies.Admin)
            .WithTags("Access")
            .WithName("RevokeSignInLink")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Revoke a link nobody has used yet: it is removed and can never sign anyone in (the audit log keeps the record). 404 when there is no such unused link.");
    }

    // Links are few (one per person signed in), so one is found in the list rather than by a query of its own.
    private static async Task<IResult> GetAsync(long id, SignInLinkStore links, CancellationToken cancellationToken) =>
        (await links.ListAsync(cancellationToken)).FirstOrDefault(l => l.Id == id) is { } link
            ? TypedResults.Ok(link)
            : Problems.NotFound("Sign-in link", id.ToString(CultureInfo.InvariantCulture));

    private static async Task<IResult> RevokeAsync(long id, SignInLinkStore links, HttpContext context, CancellationToken cancellationToken)
    {
        var link = (await links.ListAsync(cancellationToken)).FirstOrDefault(l => l.Id == id && l.UsedAt is null);
        if (link is null || !await links.RevokeUnusedAsync(id, cancellationToken))
            return Problems.NotFound("Unused sign-in link", id.ToString(CultureInfo.InvariantCulture));
        // The row is gone; the log keeps whose link it was and what it would have granted.
        WriteAudit.Describe(context, $"revoked unused link for '{link.PersonName}', {WriteAudit.Grant(link.Role, link.PlanScope)}");
        return Results.NoContent();
    }

    private static async Task<IResult> CreateAsync(
        CreateLinkBody body, SignInLinkStore links, PlanStore plans, ChainStore chain, IOptions<SignInSessionOptions> sessions, HttpContext context, CancellationToken cancellationToken)
    {
        if (await GrantCheck.ProblemAsync(body.Name, body.Role, body.PlanScope, plans, cancellationToken) is { } problem)
            return problem;
        var steeringGroup = string.IsNullOrWhiteSpace(body.SteeringGroup) ? null : body.SteeringGroup.Trim();
        if (steeringGroup is not null && await SteeringGroupGrant.ProblemAsync(steeringGroup, body.Role!, body.PlanScope, plans, chain, cancellationToken) is { } groupProblem)
            return Problems.BadParameter(groupProblem.Field, groupProblem.Value, groupProblem.Message);
        var (id, token, expiresAt) = await links.CreateAsync(
            body.Name!.Trim(), body.Role!, body.PlanScope, sessions.Value.SignInLinkLifetime, context.User.ActorName(), steeringGroup, cancellationToken);
        // Who the link is for and what it grants; never the token.
        WriteAudit.Describe(context, $"link for '{body.Name.Trim()}', {WriteAudit.Grant(body.Role!, body.PlanScope)}"
            + (steeringGroup is null ? "" : $", steering group {steeringGroup}"));
        return TypedResults.Created(
            string.Create(CultureInfo.InvariantCulture, $"/api/v1/sign-in-links/{id}"),
            new CreatedLink(id, SignInPages.LinkPath(token), body.Name.Trim(), body.Role!, PlanScopeText.Parse(PlanScopeText.Format(body.PlanScope)), expiresAt, steeringGroup));
    }
}
