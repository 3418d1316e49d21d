using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Plans and their goal framework.</summary>
public static class PlansEndpoints
{
    public static void MapPlansEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans");
        plans.MapGet("/", async (PlanStore store, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok((await store.ListAsync(ct)).Where(p => context.User.MaySee(p.Slug)).ToList()))
            .RequireAuthorization(Policies.Read)
            .WithName("ListPlans")
            .WithSummary("All plans with their areas (a caller scoped to plans sees its plans).");
        plans.MapGet("/{slug}", async (string slug, PlanStore store, CancellationToken ct) =>
                await store.FindAsync(slug, ct) is { } plan ? TypedResults.Ok(plan) : Problems.NotFound("Plan", slug))
            .RequireAuthorization(Policies.Read)
            .WithName("GetPlan")
            .Produces<Plan>()
            .WithSummary("One plan.");
        plans.MapGet("/{slug}/goals", GoalsAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetPlanGoals")
            .Produces<IReadOnlyList<GoalNode>>()
            .WithSummary("The plan's strategic goals, each with its targets and sub-goals.");
        plans.MapPost("/", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CreatePlan")
            .Produces<Plan>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Create a plan with its goals, sub-goals and targets in one request.");
    }

    private static async Task<IResult> GoalsAsync(string slug, PlanStore store, CancellationToken cancellationToken)
    {
        if (await store.FindAsync(slug, cancellationToken) is not { } plan)
            return Problems.NotFound("Plan", slug);
        var goals = await store.GoalsAsync(plan.Id, cancellationToken);
        var targets = (await store.TargetsAsync(plan.Id, cancellationToken)).ToLookup(t => t.GoalId);
        var children = goals.Where(g => g.ParentGoalId is not null).ToLookup(g => g.ParentGoalId!.Value);
        GoalNode Node(Goal goal) => new(
            goal.Id, goal.Key, goal.Kind, goal.Title, goal.Description, goal.FocusArea, goal.OwningBody,
            targets[goal.Id].Select(TargetDto.From).ToList(), children[goal.Id].Select(Node).ToList());
        return TypedResults.Ok(goals.Where(g => g.ParentGoalId is null).Select(Node).ToList());
    }

    private static async Task<IResult> CreateAsync(
        PlanDefinition plan, PlanStore plans, IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions,
        System.Security.Claims.ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var errors = PlanDefinitionValidator.Validate(
            plan,
            (await indicators.ListAsync(cancellationToken)).Select(i => i.Code).ToHashSet(),
            (await scopes.ListAsync(cancellationToken)).Select(s => s.Code).ToHashSet(),
            await dimensions.ListAsync(cancellationToken));
        if (errors.Count > 0)
            return Problems.InvalidFields("The plan is not valid", errors);
        return await plans.CreateAsync(plan, FrameworkEditEndpoints.Actor(user), cancellationToken) is null
            ? Problems.Conflict("Plan", plan.Slug)
            : TypedResults.Created($"/api/v1/plans/{plan.Slug}", await plans.FindAsync(plan.Slug, cancellationToken));
    }
}

/// <summary>A goal with its targets and sub-goals, as served.</summary>
public sealed record GoalNode(
    long Id, string Key, GoalKind Kind, string Title, string? Description, string? FocusArea, string OwningBody,
    IReadOnlyList<TargetDto> Targets, IReadOnlyList<GoalNode> SubGoals);

/// <summary>A target as served: periods in their canonical text form.</summary>
public sealed record TargetDto(
    long Id, string Indicator, string Area, string Subgroup, string? BaselinePeriod, double? BaselineValue,
    string? TargetPeriod, double? TargetValue, double Tolerance, double Weight, string? BenchmarkScope,
    IReadOnlyList<MilestoneDefinition> Milestones)
{
    public static TargetDto From(Target t) => new(
        t.Id, t.IndicatorCode, t.ScopeCode, t.Subgroup, t.BaselinePeriod?.ToString(), t.BaselineValue,
        t.TargetPeriod?.ToString(), t.TargetValue, t.Tolerance, t.Weight, t.BenchmarkScopeCode,
        t.Milestones.Select(m => new MilestoneDefinition(m.Period.ToString(), m.Value)).ToList());
}
