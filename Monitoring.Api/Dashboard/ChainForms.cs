using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Core.Chain;
using Monitoring.Ingest.Chain;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The chain page's forms: an analyst, or a person signed in for the steering group that owns it,
/// reports an activity's status and reached milestones, and the secretariat confirms (with its own wording) or dismisses a proposed matter
/// for the board. Each post goes back to the chain page with a Danish message; the activity's
/// earlier versions stay in its history under who reported them.
/// </summary>
public static class ChainForms
{
    public static async Task<IResult> ChangeActivityAsync(
        HttpContext context, string slug, long id, ChainStore chain, CancellationToken cancellationToken)
    {
        if (await chain.PlanOfActivityAsync(id, cancellationToken) != slug || await chain.FindActivityAsync(id, null, cancellationToken) is not { } activity)
            return Results.NotFound();
        var steeringGroup = (await chain.ForPlanAsync(slug, null, cancellationToken)).First(s => s.Id == activity.SubAgreementId).SteeringGroup;
        if (ReporterOf(context, steeringGroup) is not { } reporter)
            return Results.Forbid();
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (ActivityStatus.Normalise(form["status"]) is not { } status)
            return Back(slug, ChainNote.BadStatus, id);

        var reached = form["milepael"].Where(m => m is not null).Select(m => m!).ToHashSet(StringComparer.Ordinal);
        var milestones = activity.Milestones.Select(m => m with { Done = m.Done || reached.Contains(m.Title) }).ToList();
        var budget = new List<BudgetYear>();
        foreach (var year in activity.Budget)
        {
            var field = string.Create(CultureInfo.InvariantCulture, $"forbrug-{year.Year}");
            if (!form.ContainsKey(field))
                budget.Add(year);
            else if (DanishAmount(form[field]) is { } spent)
                budget.Add(year with { Spent = spent });
            else
                return Back(slug, ChainNote.BadAmount, id);
        }
        var changed = ActivityDraft.Of(activity) with { Status = status, Milestones = milestones, Budget = budget };
        if (changed.Status == activity.Status && changed.Milestones.SequenceEqual(activity.Milestones) && changed.Budget.SequenceEqual(activity.Budget))
            return Back(slug, ChainNote.Unchanged, id);
        await chain.ChangeActivityAsync(id, changed, reporter, cancellationToken);
        return Back(slug, ChainNote.Changed, id);
    }

    /// <summary>
    /// The activity list as the secretariat keeps it (CSV or spreadsheet), uploaded from the chain
    /// page: all rows or none, a trial when "Kun prøv" is ticked; the report page shows every row error.
    /// </summary>
    public static async Task<IResult> ImportListAsync(
        HttpContext context, string slug, PlanStore plans, ActivityListImporter importer, CancellationToken cancellationToken)
    {
        if (FormWriter.Of(context) is not { } writer)
            return Results.Forbid();
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        var form = await context.Request.ReadFormAsync(cancellationToken);
        if (form.Files.GetFile("file") is not { Length: > 0 } file)
            return Back(slug, ChainNote.NoFile, null);
        var report = await importer.ImportAsync(slug,
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "activity-list", writer.Name, form["dryRun"] == "on"),
            cancellationToken);
        return report is null
            ? Results.NotFound()
            : new RazorComponentResult<ActivityListView>(new { PlanSlug = slug, PlanName = plan.Name, Report = report })
            {
                StatusCode = report.Status == Monitoring.Core.Model.ImportStatus.Rejected ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK,
            };
    }

    /// <summary>An amount in kroner as a Danish form gives it ("150.000", "150000", "1.250,50"); null when it is not one or negative.</summary>
    private static decimal? DanishAmount(string? text) =>
        decimal.TryParse(text?.Trim().Replace(" ", "", StringComparison.Ordinal).Replace("kr.", "", StringComparison.Ordinal),
            NumberStyles.AllowThousands | NumberStyles.AllowDecimalPoint, CultureInfo.GetCultureInfo("da-DK"), out var amount) && amount >= 0
            ? amount
            : null;

    /// <summary>
    /// Who may report an activity: a writer (analyst, admin), or a person signed in for the steering
    /// group that owns the activity's sub-agreement. Null for anyone else.
    /// </summary>
    public static string? ReporterOf(HttpContext context, string steeringGroup) =>
        FormWriter.Of(context)?.Name
        ?? (context.User.SteeringGroup() == steeringGroup && context.User.Identity?.IsAuthenticated == true
            ? $"{context.User.Identity.Name} ({steeringGroup})"
            : null);

    public static async Task<IResult> ConfirmAsync(
        HttpContext context, string slug, string key, ChainProposalService proposals, CancellationToken cancellationToken)
    {
        if (FormWriter.Of(context) is not { } writer)
            return Results.Forbid();
        var form = await context.Request.ReadFormAsync(cancellationToken);
        var (outcome, _) = await proposals.ConfirmAsync(slug, key, form["question"], writer.Name, cancellationToken);
        return Outcome(slug, outcome, ChainNote.Confirmed);
    }

    public static async Task<IResult> DismissAsync(
        HttpContext context, string slug, string key, ChainProposalService proposals, CancellationToken cancellationToken)
    {
        if (FormWriter.Of(context) is not { } writer)
            return Results.Forbid();
        var outcome = await proposals.DismissAsync(slug, key, writer.Name, cancellationToken);
        return Outcome(slug, outcome, ChainNote.Dismissed);
    }

    private static IResult Outcome(string slug, ProposalOutcome outcome, string done) => outcome switch
    {
        ProposalOutcome.NoPlan => Results.NotFound(),
        ProposalOutcome.Done => Back(slug, done, null),
        ProposalOutcome.AlreadyDecided => Back(slug, ChainNote.AlreadyDecided, null),
        _ => Back(slug, ChainNote.Gone, null),
    };


    /// <summary>Back to the chain page (a GET, so a reload does not post again) with a message code, never free text.</summary>
    private static IResult Back(string slug, string note, long? activityId) =>
        Results.Redirect($"{BoardView.PlanUrlOf(slug)}/styringskaede?besked={note}"
            + (activityId is { } id ? FormattableString.Invariant($"&aktivitet={id}#aktivitet-{id}") : "#forslag"));
}
