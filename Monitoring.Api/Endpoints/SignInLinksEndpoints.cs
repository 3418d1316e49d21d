using System.Globalization;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// <c>POST /api/v1/sign-in-links</c>: an admin creates a personal sign-in link for a named person
/// with a role and plan scope. One use, short-lived; the answer carries the link's path this once.
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
            .WithSummary("Create a one-use, short-lived sign-in link for a named person with a role and plan scope, optionally for one steering group (role viewer: the person may then report that group's activities on the chain page); the path (to put after the service's address) is shown in this answer only.");
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
