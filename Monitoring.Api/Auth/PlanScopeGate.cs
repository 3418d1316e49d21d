using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// Holds a plan-scoped caller to its plans on every route, in one place rather than in each endpoint
/// or page (pages are being rewritten; the route values stay). After the role policies have run:
/// <list type="bullet">
/// <item>a <c>{slug}</c> outside the scope, a goal (<c>{goalId}</c>, <c>/goals/{id}</c>) or target
/// (<c>/targets/{id}</c>) of another plan, an indicator none of the plans' targets use, or an area
/// (<c>/areas/{code}</c>, <c>?area=</c>, <c>?benchmark=</c>) outside the plans' areas answers 404, as if
/// it did not exist;</item>
/// <item>routes that span every plan and have no plan to check against answer 403: the import
/// journal, uploads and the import page, jobs, corrections, observations without <c>area</c>, and
/// writes to shared metadata (plans, indicators, areas, dimensions).</item>
/// </list>
/// The OData feed's and the extracts' observations are not refused: they narrow a scoped caller's
/// rows to its plans' areas in their SQL (<see cref="PlanScopeLookup.AreasCondition"/>).
/// Unscoped callers and anonymous readers pass untouched. Lists (plans, areas, indicators) are
/// filtered by their endpoints with <see cref="CallerClaims.PlanScope"/>. Routes marked with
/// <see cref="SessionRoute{TBuilder}"/> or <see cref="PlanCheckedByHandler{TBuilder}"/> are left to
/// their handlers: the gate sees only the route, and those routes' plan (if any) is not in it.
/// </summary>
public static class PlanScopeGate
{
    private static readonly string[] UnscopedOnlyPrefixes =
    [
        "/api/v1/imports", "/api/v1/jobs", "/api/v1/observations/corrections", "/api/v1/keys", "/api/v1/sign-in-links",
        "/api/v1/audit", "/import", "/admin", "/api/v1/activities",
    ];

    /// <summary>Why the gate leaves a route alone; endpoint metadata rather than path strings, so a renamed route keeps it.</summary>
    public sealed record Exemption(string Reason);

    /// <summary>
    /// Signing in and out: they concern the session, not any plan's data, and a scoped person must be
    /// able to end a session or start another one from a new link.
    /// </summary>
    public static TBuilder SessionRoute<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Exemption("sign-in and sign-out"));

    /// <summary>
    /// A write whose plan comes in the body (a form field), not the route: its handler must check the
    /// plan with <see cref="CallerClaims.MaySee"/> before writing, as the gate would for a <c>{slug}</c>.
    /// </summary>
    public static TBuilder PlanCheckedByHandler<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new Exemption("the handler checks the plan named in the request"));

    public static IApplicationBuilder UsePlanScopeGate(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.User.PlanScope() is { } scope && context.GetEndpoint() is RouteEndpoint endpoint
                && endpoint.Metadata.GetMetadata<Exemption>() is null
                && await RefusalAsync(context, endpoint.RoutePattern.RawText ?? "", scope) is { } refusal)
            {
                await refusal.ExecuteAsync(context);
                return;
            }
            await next(context);
        });

    private static async Task<IResult?> RefusalAsync(HttpContext context, string pattern, IReadOnlySet<string> scope)
    {
        var lookup = context.RequestServices.GetRequiredService<PlanScopeLookup>();
        var route = context.Request.RouteValues;
        var ct = context.RequestAborted;
        if (UnscopedOnlyPrefixes.Any(prefix => pattern.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
            return Forbidden("This route spans every plan; a key or session scoped to plans cannot use it.");
        var boundToPlan = false;
        if (route.TryGetValue("slug", out var slug) && slug is string planSlug)
        {
            boundToPlan = true;
            if (!scope.Contains(planSlug))
                return NotFound();
        }
        var goal = Id(route, "goalId") ?? (pattern.Contains("/goals/{id", StringComparison.Ordinal) ? Id(route, "id") : null);
        if (goal is { } goalId)
        {
            boundToPlan = true;
            if (await lookup.PlanOfGoalAsync(goalId, ct) is { } goalPlan && !scope.Contains(goalPlan))
                return NotFound();
        }
        if (pattern.Contains("/targets/{id", StringComparison.Ordinal) && Id(route, "id") is { } targetId)
        {
            boundToPlan = true;
            if (await lookup.PlanOfTargetAsync(targetId, ct) is { } targetPlan && !scope.Contains(targetPlan))
                return NotFound();
        }
        if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
        {
            if ((pattern.Contains("ndicators/{code}", StringComparison.Ordinal) || pattern.Contains("/indikatorer/{code}", StringComparison.Ordinal))
                && route.TryGetValue("code", out var code) && code is string indicator
                && !(await lookup.IndicatorsOfAsync(scope, ct)).Contains(indicator))
                return NotFound();
            var areas = new List<string>();
            if (pattern.Contains("/areas/{code}", StringComparison.Ordinal) && route.TryGetValue("code", out var areaCode) && areaCode is string a)
                areas.Add(a);
            areas.AddRange(context.Request.Query["area"].Concat(context.Request.Query["benchmark"]).OfType<string>());
            if (areas.Count > 0)
            {
                var reachable = await lookup.AreasOfAsync(scope, ct);
                if (areas.Any(area => !reachable.Contains(area)))
                    return NotFound();
            }
            if (pattern.StartsWith("/api/v1/observations", StringComparison.Ordinal) && !context.Request.Query.ContainsKey("area"))
                return Forbidden("A caller scoped to plans reads observations one area of its plans at a time: add area=.");
        }
        else if (!boundToPlan)
        {
            return Forbidden("Shared definitions (plans, indicators, areas, dimensions) are written by callers not scoped to plans.");
        }
        return null;
    }

    private static long? Id(RouteValueDictionary route, string name) =>
        route.TryGetValue(name, out var value) && long.TryParse(value?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private static ProblemHttpResult NotFound() =>
        TypedResults.Problem(title: "Not found", detail: "There is no such resource.", statusCode: StatusCodes.Status404NotFound);

    private static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(title: "Outside your plans", detail: detail, statusCode: StatusCodes.Status403Forbidden);
}
