using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Classification;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Api.Dashboard;

/// <summary>The board's and the secretariat's pages, in Danish: plans, plan overview, goal, indicator.</summary>
public static class DashboardPages
{
    public static void MapDashboardPages(this IEndpointRouteBuilder app)
    {
        app.MapDashboardStyles();
        app.MapGet(DashboardScript.Path, DashboardScript.Serve).ExcludeFromDescription().AllowAnonymous();
        // Read pages need the dashboard policy (BI callers read the API, not pages); edit pages and
        // every post need a writer; posts carry an antiforgery token (FormToken).
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAuthorization(Auth.Policies.Dashboard);
        var edits = pages.MapGroup("").RequireAuthorization(Auth.Policies.Write);
        pages.MapGet("/", PlansAsync);
        pages.MapGet("/planer/{slug}", PlanAsync);
        pages.MapGet("/planer/{slug}/maal/{goalId:long}", GoalAsync);
        pages.MapGet("/indikatorer/{code}", IndicatorPage.RenderAsync);
        edits.MapPost("/indikatorer/{code}/kommentarer", IndicatorPage.AddCommentAsync).Required().PlanCheckedByHandler();
        edits.MapGet("/planer/{slug}/maal/{goalId:long}/rediger", GoalEditPage.RenderAsync);
        edits.MapPost("/planer/{slug}/maal/{goalId:long}/rediger", GoalEditPage.SubmitAsync).Required();
        pages.MapGet("/planer/{slug}/historik", HistoryPage.RenderAsync);
        pages.MapGet("/planer/{slug}/styringskaede", ChainAsync);
        // Also a viewer signed in for a steering group reports its activities: the handler checks who.
        pages.MapPost("/planer/{slug}/aktiviteter/{id:long}", ChainForms.ChangeActivityAsync).Required();
        edits.MapPost("/planer/{slug}/aktiviteter/import", ChainForms.ImportListAsync).Required();
        edits.MapPost("/planer/{slug}/forslag/{key}/bekraeft", ChainForms.ConfirmAsync).Required();
        edits.MapPost("/planer/{slug}/forslag/{key}/afvis", ChainForms.DismissAsync).Required();
        pages.MapGet("/planer/{slug}/tjek", ChecksPage.RenderAsync);
        pages.MapGet("/planer/{slug}/listestatus", ListStatusAsync);
        edits.MapGet("/planer/{slug}/ramme", PlanDefinitionPage.RenderAsync);
        edits.MapPost("/planer/{slug}/ramme", PlanDefinitionPage.SubmitAsync).Required();
        edits.MapGet("/indikatorer/{code}/rediger", IndicatorEditPage.RenderAsync);
        edits.MapPost("/indikatorer/{code}/rediger", IndicatorEditPage.SubmitAsync).Required();
        pages.MapGet("/planer/{slug}/undersoegelser/{indicator}", Surveys.TargetGroupsPage.RenderAsync);
        edits.MapGet("/import/undersoegelse", Surveys.SurveyImportPage.FormAsync);
        edits.MapPost("/import/undersoegelse", Surveys.SurveyImportPage.UploadAsync).Required();
        edits.MapGet("/import", ImportPage.FormAsync);
        edits.MapPost("/import", ImportPage.UploadAsync).Required();
        edits.MapPost("/import/bekraeft", ImportPage.ConfirmAsync).Required();
        edits.MapPost("/import/{id:long}/fortryd", RevertPage.RevertAsync).Required();
    }

    private static async Task<IResult> PlansAsync(
        HttpContext context, PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators, ScopeStore scopes,
        DimensionStore dimensions, CancellationToken cancellationToken)
    {
        var list = new List<(Plan, PlanEvaluation)>();
        foreach (var plan in (await plans.ListAsync(cancellationToken)).Where(p => context.User.MaySee(p.Slug)))
            list.Add((plan, (await evaluations.EvaluatePlanAsync(plan.Slug, null, cancellationToken))!));
        var words = await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken);
        return new RazorComponentResult<PlansView>(new { Plans = list, Words = words });
    }

    private static async Task<IResult> PlanAsync(
        string slug, string? asOf, PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators, ScopeStore scopes,
        DimensionStore dimensions, ClassificationInputs classification, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, period, cancellationToken))!;
        List<PlanView.StatusChange>? changes = null;
        if (period is not null)
        {
            var now = (await evaluations.EvaluatePlanAsync(slug, null, cancellationToken))!;
            changes = now.Goals
                .Select(g => (Now: g, Then: evaluation.Goals.FirstOrDefault(o => o.Goal.Id == g.Goal.Id)))
                .Where(p => p.Then is not null && p.Then.Status != p.Now.Status)
                .Select(p => new PlanView.StatusChange(p.Now.Goal.Title, p.Then!.Status, p.Now.Status))
                .ToList();
        }
        var view = BoardView.Create(await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken), period, clock);
        var lists = await ClassificationPanelModel.BuildAsync(plan.AreaCodes, classification, view.JudgedAt, cancellationToken);
        return new RazorComponentResult<PlanView>(new { Plan = plan, Evaluation = evaluation, View = view, Changes = changes, ListStatus = lists });
    }

    private static async Task<IResult> ListStatusAsync(
        string slug, string? asOf, PlanStore plans, ClassificationInputs classification, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        // The same day the overview as of asOf judges on, so its short list status and this page agree.
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var model = await ClassificationPanelModel.BuildAsync(plan.AreaCodes, classification, BoardView.JudgedOn(period, clock), cancellationToken);
        return new RazorComponentResult<ListStatusView>(new { Plan = plan, Model = model });
    }

    /// <summary>The chain of steering as it stands now: goals next to the activities serving them, and the proposals they raise.</summary>
    private static async Task<IResult> ChainAsync(
        HttpContext context, string slug, string? asOf, string? styregruppe, PlanStore plans, PlanEvaluationCache evaluations, ChainStore chain,
        ChainProposalService proposals, IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions, IAntiforgery antiforgery,
        CommentStore comments, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, period, cancellationToken))!;
        var subAgreements = await chain.ForPlanAsync(slug, ChainProposalService.EndOfDay(period), cancellationToken);
        var proposed = (await proposals.ListAsync(slug, period, cancellationToken))!;
        // A confirmed proposal reads as the secretariat worded it for the board, not as it was proposed.
        var confirmed = proposed.Where(p => p.CommentId is not null).Select(p => p.CommentId!.Value).ToHashSet();
        var confirmedQuestions = confirmed.Count == 0
            ? new Dictionary<long, string>()
            : (await comments.ForPlanAsync(slug, cancellationToken)).Where(c => confirmed.Contains(c.Id)).ToDictionary(c => c.Id, c => c.Text);
        var view = BoardView.Create(await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken), period, clock);
        // Forms only for a writer looking at today: an earlier state is read, never edited.
        var writer = FormWriter.Of(context) is not null;
        var reporterGroup = context.User.SteeringGroup();
        var forms = period is null && (writer || reporterGroup is not null) ? antiforgery.GetAndStoreTokens(context) : null;
        return new RazorComponentResult<ChainView>(new Dictionary<string, object?>
        {
            [nameof(ChainView.Plan)] = plan,
            [nameof(ChainView.Evaluation)] = evaluation,
            [nameof(ChainView.SubAgreements)] = subAgreements,
            [nameof(ChainView.Proposals)] = proposed,
            [nameof(ChainView.ConfirmedQuestions)] = confirmedQuestions,
            [nameof(ChainView.View)] = view,
            [nameof(ChainView.SteeringGroup)] = string.IsNullOrWhiteSpace(styregruppe) ? null : styregruppe.Trim(),
            [nameof(ChainView.FormToken)] = forms,
            [nameof(ChainView.MayDecide)] = writer,
            [nameof(ChainView.ReporterGroup)] = writer ? null : reporterGroup,
            [nameof(ChainView.Message)] = ChainNote.Text(context.Request.Query["besked"],
                long.TryParse(context.Request.Query["aktivitet"], out var activityId)
                    ? subAgreements.SelectMany(s => s.Activities).FirstOrDefault(a => a.Id == activityId)?.Title
                    : null),
        });
    }

    private static async Task<IResult> GoalAsync(
        string slug, long goalId, string? asOf, PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators,
        ScopeStore scopes, DimensionStore dimensions, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, period, cancellationToken))!;
        var goal = evaluation.Goals.FirstOrDefault(g => g.Goal.Id == goalId)
            ?? evaluation.Goals.SelectMany(g => g.SubGoals).FirstOrDefault(g => g.Goal.Id == goalId);
        if (goal is null)
            return Results.NotFound();
        var view = BoardView.Create(await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken), period, clock);
        return new RazorComponentResult<GoalView>(new { Plan = plan, Goal = goal, View = view });
    }
}
