using System.Globalization;
using System.Security.Claims;
using CsvHelper;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The chain of steering: a plan's sub-agreements (delaftaler) and their activities, kept with every
/// change (<c>asOf</c> shows them as they stood), and the matters for the board proposed from them.
/// </summary>
public static class ChainEndpoints
{
    public static void MapChainEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/subagreements", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Chain of steering")
            .WithName("ListSubAgreements")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<IReadOnlyList<SubAgreement>>()
            .ProducesCsv()
            .WithSummary("The plan's sub-agreements with the goal ids they serve and their activities; asOf (a date or an ISO timestamp) shows the activities as they stood then; format=csv gives one row per activity (dialect=da for Danish Excel).");
        api.MapPost("/plans/{slug}/subagreements", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithTags("Chain of steering")
            .WithName("CreateSubAgreement")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Accepts<SubAgreementBody>("application/json")
            .Produces<SubAgreement>(StatusCodes.Status201Created)
            .WithSummary("Add a sub-agreement { title, focusArea?, steeringGroup, period, goals: [goal keys], activities: [{ title, description?, partner, start, end, status, milestones?, budget?, indicators? }] }.");
        api.MapGet("/activities/{id:long}", FindActivityAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Chain of steering")
            .WithName("GetActivity")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<Activity>()
            .WithSummary("One activity as it stands now, or as it stood at asOf (a date or an ISO timestamp), with who reported that version and when.");
        api.MapGet("/activities/{id:long}/history", HistoryAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Chain of steering")
            .WithName("GetActivityHistory")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .Produces<IReadOnlyList<Activity>>()
            .WithSummary("Every version of the activity, oldest first, each with validFrom and changedBy.");
        api.MapPatch("/activities/{id:long}", ChangeActivityAsync)
            .RequireAuthorization(Policies.Write)
            .WithTags("Chain of steering")
            .WithName("ChangeActivity")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .Accepts<ActivityBody>("application/json")
            .Produces<Activity>()
            .WithSummary("Report a change (status, milestones, budget with spending, …); the fields given replace the stored ones in a new version, the old one is kept.");
        api.MapGet("/plans/{slug}/proposals", ProposalsAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Chain of steering")
            .WithName("ListChainProposals")
            .Produces<IReadOnlyList<ProposalDto>>()
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("Matters proposed for the board from goals and activities (strategisk, samarbejde, prioritering), each with its question, evidence and state (open | confirmed | dismissed); format=csv for CSV, dialect=da with Danish headers and words.");
        api.MapPost("/plans/{slug}/proposals/{key}/confirm", ConfirmAsync)
            .RequireAuthorization(Policies.Write)
            .WithTags("Chain of steering")
            .WithName("ConfirmChainProposal")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .Produces<Comment>(StatusCodes.Status201Created)
            .WithSummary("Confirm a proposal { question?, author? }: it becomes a decision comment of its type, listed in the brief's 'Sager til bestyrelsen'.");
        api.MapPost("/plans/{slug}/proposals/{key}/dismiss", DismissAsync)
            .RequireAuthorization(Policies.Write)
            .WithTags("Chain of steering")
            .WithName("DismissChainProposal")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Dismiss a proposal; it is not offered again while the same facts hold.");
    }

    private static async Task<IResult> ListAsync(
        string slug, string? asOf, string? dialect, HttpRequest request, PlanStore plans, ChainStore chain, CancellationToken cancellationToken)
    {
        if (!TryMoment(asOf, out var moment, out var problem) || !ResponseFormat.TryWantsCsv(request, out var csv, out problem))
            return problem!;
        if (!CsvDialect.TryParse(dialect, out var csvDialect))
            return Problems.BadParameter("dialect", dialect, "Use dialect=da (semicolon, decimal comma) or leave it out.");
        if (await plans.FindAsync(slug, cancellationToken) is null)
            return Problems.NotFound("Plan", slug);
        var subAgreements = await chain.ForPlanAsync(slug, moment, cancellationToken);
        return csv
            ? TypedResults.File(SubAgreementsCsv.Write(subAgreements, csvDialect), "text/csv; charset=utf-8", $"{slug}-delaftaler.csv")
            : TypedResults.Ok(subAgreements);
    }

    private static async Task<IResult> CreateAsync(
        string slug, SubAgreementBody? body, PlanStore plans, IndicatorStore indicators, ChainStore chain, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Problems.NotFound("Plan", slug);
        if (body is null)
            return Problems.BadParameter("body", null, "Send a JSON body: { title, steeringGroup, period, goals, activities }.");
        var errors = new List<FieldError>();
        void Require(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value))
                errors.Add(new FieldError(field, value, "Feltet skal udfyldes.", "The field is required."));
        }
        Require(body.Title, "title");
        Require(body.SteeringGroup, "steeringGroup");
        Require(body.Period, "period");
        var goals = (await plans.GoalsAsync(plan.Id, cancellationToken)).ToDictionary(g => g.Key, StringComparer.OrdinalIgnoreCase);
        var goalIds = new List<long>();
        foreach (var key in body.Goals ?? [])
        {
            if (goals.TryGetValue(key.Trim(), out var goal))
                goalIds.Add(goal.Id);
            else
                errors.Add(new FieldError("goals", key, "Målet findes ikke i planen.", "The plan has no such goal."));
        }
        var codes = (await indicators.ListAsync(cancellationToken)).Select(i => i.Code).ToHashSet();
        var drafts = (body.Activities ?? []).Select((a, i) => ActivityBodyCheck.Check(a, null, $"activities[{i}].", codes, errors)).ToList();
        if (errors.Count > 0)
            return Problems.InvalidFields("The sub-agreement was not saved", errors);
        var id = await chain.CreateSubAgreementAsync(plan.Id,
            new SubAgreementDraft(body.Title!.Trim(), NullIfBlank(body.FocusArea), body.SteeringGroup!.Trim(), body.Period!.Trim(), goalIds, drafts.OfType<ActivityDraft>().ToList()),
            Author(user), cancellationToken: cancellationToken);
        var created = (await chain.ForPlanAsync(slug, null, cancellationToken)).First(s => s.Id == id);
        return TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(slug)}/subagreements", created);
    }

    private static async Task<IResult> FindActivityAsync(long id, string? asOf, ChainStore chain, CancellationToken cancellationToken)
    {
        if (!TryMoment(asOf, out var moment, out var problem))
            return problem!;
        return await chain.FindActivityAsync(id, moment, cancellationToken) is { } activity
            ? TypedResults.Ok(activity)
            : Problems.NotFound("Activity", id.ToString(CultureInfo.InvariantCulture));
    }

    private static async Task<IResult> HistoryAsync(long id, ChainStore chain, CancellationToken cancellationToken) =>
        await chain.HistoryAsync(id, cancellationToken) is { Count: > 0 } history
            ? TypedResults.Ok(history)
            : Problems.NotFound("Activity", id.ToString(CultureInfo.InvariantCulture));

    private static async Task<IResult> ChangeActivityAsync(
        long id, ActivityBody? body, IndicatorStore indicators, ChainStore chain, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await chain.FindActivityAsync(id, null, cancellationToken) is not { } current)
            return Problems.NotFound("Activity", id.ToString(CultureInfo.InvariantCulture));
        if (body is null)
            return Problems.BadParameter("body", null, "Send a JSON body with the fields to change, e.g. { status: \"forsinket\" }.");
        var errors = new List<FieldError>();
        var codes = (await indicators.ListAsync(cancellationToken)).Select(i => i.Code).ToHashSet();
        var draft = ActivityBodyCheck.Check(body, ActivityDraft.Of(current), "", codes, errors);
        if (draft is null)
            return Problems.InvalidFields("The activity was not changed", errors);
        await chain.ChangeActivityAsync(id, draft, Author(user), cancellationToken);
        return TypedResults.Ok(await chain.FindActivityAsync(id, null, cancellationToken));
    }

    private static async Task<IResult> ProposalsAsync(string slug, string? dialect, HttpRequest request, ChainProposalService proposals, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem))
            return problem!;
        if (!CsvDialect.TryParse(dialect, out var csvDialect))
            return Problems.BadParameter("dialect", dialect, "Use dialect=da (semicolon, decimal comma) or leave it out.");
        if (await proposals.ListAsync(slug, cancellationToken) is not { } list)
            return Problems.NotFound("Plan", slug);
        var items = list.Select(p => new ProposalDto(p.Proposal.Key, p.Proposal.DecisionType, CommentKinds.DecisionTypeLabel(p.Proposal.DecisionType),
            p.Proposal.Question, p.Proposal.GoalId, p.Proposal.ActivityIds, p.Proposal.Evidence, p.State, p.CommentId, p.DecidedBy)).ToList();
        if (!csv)
            return TypedResults.Ok(items);
        using var buffer = new MemoryStream();
        // Danish Excel gets Danish headers and words; the international dialect keeps the API's names for programs.
        var danish = csvDialect == CsvDialect.Danish;
        using (var writer = CsvWriter.Create(buffer, csvDialect.WriterOptions(), leaveOpen: true))
        {
            writer.WriteHeader(danish
                ? ["nøgle", "type", "tilstand", "spørgsmål", "mål_id", "aktivitet_ider", "grundlag"]
                : ["key", "decisionType", "state", "question", "goalId", "activityIds", "evidence"]);
            foreach (var p in items)
            {
                writer.WriteRecord([p.Key, p.DecisionType, danish ? ProposalStateDa(p.State) : p.State, p.Question, p.GoalId?.ToString(CultureInfo.InvariantCulture),
                    string.Join(" ", p.ActivityIds.Select(a => a.ToString(CultureInfo.InvariantCulture))), string.Join(" | ", p.Evidence)]);
            }
        }
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", $"{slug}-proposals.csv");
    }

    private static string ProposalStateDa(string state) => state switch
    {
        "open" => "åben",
        "confirmed" => "bekræftet",
        "dismissed" => "afvist",
        _ => state,
    };

    private static async Task<IResult> ConfirmAsync(
        string slug, string key, ProposalConfirmBody? body, ChainProposalService proposals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var author = string.IsNullOrWhiteSpace(body?.Author) ? Author(user) : body.Author.Trim();
        var (outcome, comment) = await proposals.ConfirmAsync(slug, key, body?.Question, author, cancellationToken);
        return outcome == ProposalOutcome.Done
            ? TypedResults.Created($"/api/v1/plans/{Uri.EscapeDataString(slug)}/comments", comment)
            : Refusal(outcome, slug, key);
    }

    private static async Task<IResult> DismissAsync(string slug, string key, ChainProposalService proposals, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var outcome = await proposals.DismissAsync(slug, key, Author(user), cancellationToken);
        return outcome == ProposalOutcome.Done ? TypedResults.NoContent() : Refusal(outcome, slug, key);
    }

    private static IResult Refusal(ProposalOutcome outcome, string slug, string key) => outcome switch
    {
        ProposalOutcome.NoPlan => Problems.NotFound("Plan", slug),
        ProposalOutcome.NoProposal => Problems.NotFound("Proposal", key),
        _ => TypedResults.Problem(title: "The proposal was already decided", detail: $"Proposal '{key}' has already been confirmed or dismissed.",
            statusCode: StatusCodes.Status409Conflict),
    };

    /// <summary>A date (its whole day) or an ISO timestamp; absent means now.</summary>
    private static bool TryMoment(string? asOf, out DateTimeOffset? moment, out IResult? problem)
    {
        moment = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(asOf))
            return true;
        if (DateOnly.TryParseExact(asOf, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            moment = new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddTicks(-1);
            return true;
        }
        if (DateTimeOffset.TryParse(asOf, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            moment = parsed;
            return true;
        }
        problem = Problems.BadParameter("asOf", asOf, "Use a date (2025-06-30) or an ISO timestamp.");
        return false;
    }

    private static string Author(ClaimsPrincipal user) => user.Identity?.Name ?? "unknown";

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>The question as the secretariat edited it (else the proposed one with its evidence), and who confirms.</summary>
public sealed record ProposalConfirmBody(string? Question, string? Author);

/// <summary>A proposal as the API shows it, with the board's name for its type and what became of it.</summary>
public sealed record ProposalDto(
    string Key, string DecisionType, string DecisionTypeLabel, string Question, long? GoalId, IReadOnlyList<long> ActivityIds,
    IReadOnlyList<string> Evidence, string State, long? CommentId, string? DecidedBy);
