using System.Security.Claims;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The goal framework's lifecycle: download and replace a plan's definition, patch goals, targets,
/// indicators and areas (JSON merge patch, RFC 7396), add and delete, and the plan's change
/// history. Every edit needs the ETag of what it changes in <c>If-Match</c>, and answers with the
/// diff; with <c>dryRun=true</c> it only answers the diff.
/// </summary>
public static class FrameworkEditEndpoints
{
    /// <summary>The download's form: indented, unset fields left out, Danish letters as they are; PUT takes it back unchanged.</summary>
    public static readonly JsonSerializerOptions DefinitionJson = new(MetadataJson.Options)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static void MapFrameworkEditEndpoints(this RouteGroupBuilder api)
    {
        var plans = api.MapGroup("/plans").WithTags("Plans");
        plans.MapGet("/{slug}/definition", DefinitionAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetPlanDefinition")
            .Produces<PlanDefinition>()
            .WithSummary("The plan's current goal framework as the JSON POST and PUT take, with its ETag.");
        plans.MapPut("/{slug}", ReplaceAsync)
            .RequireAuthorization(Policies.Write)
            .Accepts<PlanDefinition>("application/json")
            .Produces<EditResponse>()
            .WithName("ReplacePlan")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Replace the plan's definition: goals matched by key and targets by (goal, indicator, area, subgroup) keep their ids; missing ones are retired.");
        plans.MapGet("/{slug}/history", HistoryAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetPlanHistory")
            .Produces<IReadOnlyList<FrameworkHistoryEntry>>()
            .WithSummary("Every change to the plan's framework (and the indicators and areas it uses): who, when, before and after.");

        var goals = api.MapGroup("/goals").WithTags("Plans");
        goals.MapGet("/{id:long}", async (long id, FrameworkEditStore store, HttpResponse response, CancellationToken ct) =>
            {
                if (await store.GoalAsync(id, ct) is not { } found)
                    return Problems.NotFound("Goal", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                RowETag.Set(response, found.Version);
                return TypedResults.Ok(found.Goal);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("GetGoal")
            .Produces<JsonObject>()
            .WithSummary("One goal as edited (retired or not), with its ETag.");
        goals.MapPatch("/{id:long}", (long id, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                EditAsync(request, "goal", id, dryRun, (patch, edit) => store.PatchGoalAsync(id, patch, edit, ct)))
            .RequireAuthorization(Policies.Write)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .Produces<EditResponse>()
            .WithName("PatchGoal")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("JSON merge patch of a goal: title, description, focusArea, owningBody, retired.");
        goals.MapPost("/{id:long}/targets", (long id, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                EditAsync(request, "goal", id, dryRun, (body, edit) => store.AddTargetAsync(id, body, edit, ct)))
            .RequireAuthorization(Policies.Write)
            .Accepts<TargetDefinition>("application/json")
            .Produces<EditResponse>()
            .WithName("AddTarget")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Add a target to the goal (If-Match: the goal's ETag).");
        goals.MapDelete("/{id:long}", (long id, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                DeleteAsync(request, "goal", id, dryRun, edit => store.DeleteAsync("goal", id, edit, ct)))
            .RequireAuthorization(Policies.Write)
            .WithName("DeleteGoal")
            .Produces<EditResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Delete a goal nothing depends on (409 saying what blocks otherwise; retire it instead).");

        var targets = api.MapGroup("/targets").WithTags("Plans");
        targets.MapGet("/{id:long}", async (long id, FrameworkEditStore store, HttpResponse response, CancellationToken ct) =>
            {
                if (await store.TargetAsync(id, ct) is not { } found)
                    return Problems.NotFound("Target", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
                RowETag.Set(response, found.Version);
                return TypedResults.Ok(found.Target);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("GetTarget")
            .Produces<JsonObject>()
            .WithSummary("One target as edited (retired or not), with its ETag.");
        targets.MapPatch("/{id:long}", (long id, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                EditAsync(request, "target", id, dryRun, (patch, edit) => store.PatchTargetAsync(id, patch, edit, ct)))
            .RequireAuthorization(Policies.Write)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .Produces<EditResponse>()
            .WithName("PatchTarget")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("JSON merge patch of a target: values, periods, tolerance, weight, benchmarkScope, milestones, retired.");
        targets.MapDelete("/{id:long}", (long id, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                DeleteAsync(request, "target", id, dryRun, edit => store.DeleteAsync("target", id, edit, ct)))
            .RequireAuthorization(Policies.Write)
            .WithName("DeleteTarget")
            .Produces<EditResponse>()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("Delete a target nothing depends on (409 saying what blocks otherwise; retire it instead).");

        api.MapPatch("/indicators/{code}", (string code, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                EditAsync(request, "indicator", code, dryRun, (patch, edit) => store.PatchIndicatorAsync(code, patch, edit, ct)))
            .WithTags("Indicators")
            .RequireAuthorization(Policies.Write)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .Produces<EditResponse>()
            .WithName("PatchIndicator")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("JSON merge patch of an indicator: name, nameEn, definition, decimals, influenceable (the code never changes).");
        api.MapPatch("/areas/{code}", (string code, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken ct) =>
                EditAsync(request, "area", code, dryRun, (patch, edit) => store.PatchAreaAsync(code, patch, edit, ct)))
            .WithTags("Areas")
            .RequireAuthorization(Policies.Write)
            .Accepts<JsonObject>("application/merge-patch+json", "application/json")
            .Produces<EditResponse>()
            .WithName("PatchArea")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status412PreconditionFailed)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status428PreconditionRequired)
            .WithSummary("JSON merge patch of an area: name, municipalityCode (the code never changes).");
    }

    /// <summary>The name of the API key that makes the edit, as history records it.</summary>
    public static string Actor(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static async Task<IResult> DefinitionAsync(string slug, FrameworkEditStore store, HttpResponse response, CancellationToken cancellationToken)
    {
        if (await store.DefinitionAsync(slug, cancellationToken) is not { } found)
            return Problems.NotFound("Plan", slug);
        RowETag.Set(response, found.Version);
        response.Headers.ContentDisposition = $"attachment; filename=\"{slug}.json\"";
        return Results.Text(JsonSerializer.Serialize(found.Definition, DefinitionJson) + "\n", "application/json; charset=utf-8");
    }

    private static async Task<IResult> ReplaceAsync(
        string slug, HttpRequest request, FrameworkEditStore store, bool? dryRun, CancellationToken cancellationToken)
    {
        if (RowETag.Expected(request, out var missing) is not { } expected)
            return missing!;
        PlanDefinition? plan;
        try
        {
            plan = await JsonSerializer.DeserializeAsync<PlanDefinition>(request.Body, MetadataJson.Options, cancellationToken);
        }
        catch (JsonException exception)
        {
            return EditProblems.BadBody(exception.Path?.TrimStart('$', '.'), "Not a plan definition: " + FirstLine(exception.Message));
        }
        if (plan is null)
            return EditProblems.BadBody(null, "Send the plan definition as JSON.");
        var result = await store.ReplacePlanAsync(slug, plan, new(Actor(request.HttpContext.User), dryRun == true, expected), cancellationToken);
        return EditProblems.For(result, "plan", slug, request.HttpContext.Response);
    }

    private static async Task<IResult> HistoryAsync(string slug, FrameworkHistoryStore history, CancellationToken cancellationToken) =>
        await history.ForPlanAsync(slug, cancellationToken) is { } entries ? TypedResults.Ok(entries) : Problems.NotFound("Plan", slug);

    private static async Task<IResult> EditAsync<TKey>(
        HttpRequest request, string what, TKey key, bool? dryRun, Func<JsonObject, EditContext, Task<EditResult>> edit)
    {
        if (RowETag.Expected(request, out var missing) is not { } expected)
            return missing!;
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            return EditProblems.BadBody(null, FirstLine(exception.Message));
        }
        if (body is not JsonObject patch)
            return EditProblems.BadBody(null, "Send a JSON object (a merge patch names the fields it changes).");
        var result = await edit(patch, new(Actor(request.HttpContext.User), dryRun == true, expected));
        return EditProblems.For(result, what, Convert.ToString(key, System.Globalization.CultureInfo.InvariantCulture)!, request.HttpContext.Response);
    }

    private static async Task<IResult> DeleteAsync(HttpRequest request, string what, long id, bool? dryRun, Func<EditContext, Task<EditResult>> delete)
    {
        if (RowETag.Expected(request, out var missing) is not { } expected)
            return missing!;
        var result = await delete(new(Actor(request.HttpContext.User), dryRun == true, expected));
        return EditProblems.For(result, what, id.ToString(System.Globalization.CultureInfo.InvariantCulture), request.HttpContext.Response);
    }

    private static string FirstLine(string message) => message.Split('\n')[0];
}
