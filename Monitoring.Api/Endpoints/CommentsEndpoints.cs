using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The secretariat's comments on a plan: notes beside the numbers, and decisions the board is asked
/// to take (kind <c>decision</c> with a type), which the board brief lists under "Sager til bestyrelsen".
/// </summary>
public static class CommentsEndpoints
{
    private const int MaxTextLength = 10_000, MaxAuthorLength = 200;

    public static void MapCommentsEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/comments", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Comments")
            .WithName("ListPlanComments")
            .Produces<IReadOnlyList<Comment>>()
            .WithSummary("The plan's comments, newest first, with kind (note | decision) and decisionType (strategisk | samarbejde | prioritering).");
        api.MapPost("/plans/{slug}/comments", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithTags("Comments")
            .WithName("CreatePlanComment")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Accepts<CommentBody>("application/json")
            .Produces<Comment>(StatusCodes.Status201Created)
            .WithSummary("Add a comment { text, goalId?, indicator?, period?, author?, kind?: note | decision, decisionType?: strategisk | samarbejde | prioritering }. " +
                         "A decision is the secretariat's proposal or question to the board ('Bestyrelsen bedes ...') and needs a decisionType.");
    }

    private static async Task<IResult> ListAsync(string slug, PlanStore plans, CommentStore comments, CancellationToken cancellationToken) =>
        await plans.FindAsync(slug, cancellationToken) is null
            ? Problems.NotFound("Plan", slug)
            : TypedResults.Ok(await comments.ForPlanAsync(slug, cancellationToken));

    private static async Task<IResult> CreateAsync(
        string slug, CommentBody? body, PlanStore plans, IndicatorStore indicators, CommentStore comments, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Problems.NotFound("Plan", slug);
        // Optional for the framework so a missing body gets this sentence instead of its own.
        if (body is null)
        {
            return TypedResults.Problem(
                title: "The request could not be read",
                detail: "Send a JSON body: { text, goalId?, indicator?, period?, author?, kind?, decisionType? }.",
                statusCode: StatusCodes.Status400BadRequest);
        }
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(body.Text))
            errors.Add(new FieldError("text", body.Text, "Teksten skal udfyldes.", "Text is required."));
        // A comment is read by a board on a page and in a brief: longer than this is not a comment but a pasted file.
        else if (body.Text.Length > MaxTextLength)
            errors.Add(new FieldError("text", body.Text, $"Teksten må højst være {MaxTextLength:N0} tegn.", $"Text may be at most {MaxTextLength:N0} characters."));
        if (body.Author is { Length: > MaxAuthorLength })
            errors.Add(new FieldError("author", body.Author, $"Forfatteren må højst være {MaxAuthorLength} tegn.", $"Author may be at most {MaxAuthorLength} characters."));
        var (kind, type, kindError) = CommentKinds.Normalise(body.Kind, body.DecisionType);
        if (kindError is { } e)
            errors.Add(new FieldError(body.Kind is not null && !CommentKinds.Kinds.Contains(kind) ? "kind" : "decisionType", body.DecisionType ?? body.Kind, e.Da, e.En));
        Period? period = null;
        if (!string.IsNullOrWhiteSpace(body.Period))
        {
            if (Period.TryParse(body.Period, out var parsed))
                period = parsed;
            else
                errors.Add(new FieldError("period", body.Period, "Ikke en periode (fx 2024 eller 2024K2).", "Not a period (e.g. 2024 or 2024Q2)."));
        }
        if (body.GoalId is { } goalId && !(await plans.GoalsAsync(plan.Id, cancellationToken)).Any(g => g.Id == goalId))
            errors.Add(new FieldError("goalId", goalId.ToString(System.Globalization.CultureInfo.InvariantCulture), "Målet hører ikke til planen.", "The goal is not one of the plan's goals."));
        if (!string.IsNullOrWhiteSpace(body.Indicator) && await indicators.FindAsync(body.Indicator, cancellationToken) is null)
            errors.Add(new FieldError("indicator", body.Indicator, "Indikatoren findes ikke.", "There is no such indicator."));
        if (errors.Count > 0)
            return Problems.InvalidFields("The comment was not saved", errors);
        var author = string.IsNullOrWhiteSpace(body.Author) ? user.Identity?.Name ?? "unknown" : body.Author.Trim();
        var indicator = string.IsNullOrWhiteSpace(body.Indicator) ? null : body.Indicator.Trim();
        var id = (await comments.CreateAsync(slug, body.GoalId, indicator, period, author, body.Text!.Trim(), kind, type, cancellationToken))!.Value;
        var created = (await comments.ForPlanAsync(slug, cancellationToken)).First(c => c.Id == id);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(slug)}/comments", created);
    }
}

/// <summary>The request body of a new comment; kind defaults to note (or decision when a decisionType is given).</summary>
public sealed record CommentBody(string? Text, long? GoalId, string? Indicator, string? Period, string? Author, string? Kind, string? DecisionType);
