using System.Text;
using Monitoring.Api.Auth;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>The board's and the secretariat's pages, in Danish: plans, plan overview, goal, indicator.</summary>
public static class DashboardPages
{
    public static void MapDashboardPages(this IEndpointRouteBuilder app)
    {
        // Read pages need the dashboard policy (BI callers read the API, not pages); edit pages and
        // every post need a writer; posts carry an antiforgery token (FormToken).
        var pages = app.MapGroup("").ExcludeFromDescription().RequireAuthorization(Auth.Policies.Dashboard);
        var edits = pages.MapGroup("").RequireAuthorization(Auth.Policies.Write);
        pages.MapGet("/", PlansAsync);
        pages.MapGet("/planer/{slug}", PlanAsync);
        pages.MapGet("/planer/{slug}/maal/{goalId:long}", GoalAsync);
        pages.MapGet("/indikatorer/{code}", IndicatorPage.RenderAsync);
        edits.MapPost("/indikatorer/{code}/kommentarer", IndicatorPage.AddCommentAsync).Required();
        edits.MapGet("/planer/{slug}/maal/{goalId:long}/rediger", GoalEditPage.RenderAsync);
        edits.MapPost("/planer/{slug}/maal/{goalId:long}/rediger", GoalEditPage.SubmitAsync).Required();
        pages.MapGet("/planer/{slug}/historik", HistoryPage.RenderAsync);
        edits.MapGet("/planer/{slug}/ramme", PlanDefinitionPage.RenderAsync);
        edits.MapPost("/planer/{slug}/ramme", PlanDefinitionPage.SubmitAsync).Required();
        edits.MapGet("/indikatorer/{code}/rediger", IndicatorEditPage.RenderAsync);
        edits.MapPost("/indikatorer/{code}/rediger", IndicatorEditPage.SubmitAsync).Required();
        edits.MapGet("/import", ImportPage.FormAsync);
        edits.MapPost("/import", ImportPage.UploadAsync).Required();
        edits.MapPost("/import/{id:long}/fortryd", RevertPage.RevertAsync).Required();
    }

    private static async Task<IResult> PlansAsync(HttpContext context, PlanStore plans, PlanEvaluationCache evaluations, CancellationToken cancellationToken)
    {
        var body = new StringBuilder("<div class=\"goals\">");
        foreach (var plan in (await plans.ListAsync(cancellationToken)).Where(p => context.User.MaySee(p.Slug)))
        {
            var evaluation = await evaluations.EvaluatePlanAsync(plan.Slug, null, cancellationToken);
            var counts = evaluation!.Counts;
            body.Append(Danish, $"""
                <section class="card"><h2><a href="/planer/{U(plan.Slug)}">{E(plan.Name)}</a></h2>
                <p class="muted">Kommune {E(plan.MunicipalityCode)} · {E(plan.FundingPeriod)} · {plan.AreaCodes.Count} boligområder</p>
                <p>{Status(TargetStatus.Achieved)} {counts.Achieved} · {Status(TargetStatus.OnTrack)} {counts.OnTrack} ·
                {Status(TargetStatus.AtRisk)} {counts.AtRisk} · {Status(TargetStatus.OffTrack)} {counts.OffTrack}</p>
                <p>{evaluation.NeedsAction.Count} mål kræver bestyrelsens opmærksomhed.</p></section>
                """);
        }
        body.Append("</div>");
        return Page("Helhedsplaner", body.ToString());
    }

    private static async Task<IResult> PlanAsync(
        string slug, string? asOf, PlanStore plans, PlanEvaluationCache evaluations, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, period, cancellationToken))!;
        var body = new StringBuilder();
        if (period is not null)
        {
            var now = (await evaluations.EvaluatePlanAsync(slug, null, cancellationToken))!;
            var changed = now.Goals.Where(g => evaluation.Goals.FirstOrDefault(o => o.Goal.Id == g.Goal.Id)?.Status != g.Status).ToList();
            body.Append($"<p class=\"card\"><strong>Siden sidste møde</strong> (data til og med {E(period.Value.ToDanishString())}): " +
                (changed.Count == 0 ? "ingen mål har skiftet status." : string.Join("; ", changed.Select(g =>
                    $"{E(g.Goal.Title)}: {E(TargetStatusText.Danish(evaluation.Goals.First(o => o.Goal.Id == g.Goal.Id).Status))} → {E(TargetStatusText.Danish(g.Status))}"))) + "</p>");
        }
        body.Append(Danish, $"""<p><a href="/api/v1/plans/{U(slug)}/brief.pdf">Bestyrelsesnotat (PDF)</a> · <a href="/api/v1/plans/{U(slug)}/checks">Tjek af målhierarkiet</a> · <a href="/api/v1/plans/{U(slug)}/status">Status som JSON</a> · <a href="/api/v1/plans/{U(slug)}/definition">Hent målrammen (JSON)</a> · <a href="/planer/{U(slug)}/ramme">Upload målramme</a> · <a href="/planer/{U(slug)}/historik">Historik</a></p>""");
        if (evaluation.NeedsAction.Count > 0)
        {
            body.Append("<section class=\"card action\"><h2>Sager til bestyrelsen</h2><ul>");
            foreach (var goal in evaluation.NeedsAction)
                body.Append(Danish, $"<li><a href=\"/planer/{U(slug)}/maal/{goal.Goal.Id}\">{E(goal.Goal.Title)}</a> – {Status(goal.Status)}</li>");
            body.Append("</ul></section>");
        }
        body.Append("<div class=\"goals\">");
        foreach (var goal in evaluation.Goals)
        {
            var targets = goal.Targets.Concat(goal.SubGoals.SelectMany(s => s.Targets)).ToList();
            var worst = targets.Where(t => t.Status != TargetStatus.InsufficientData).OrderBy(t => t.Score).FirstOrDefault();
            body.Append(Danish, $"""
                <section class="card{(goal.NeedsAction ? " action" : "")}"><h2><a href="/planer/{U(slug)}/maal/{goal.Goal.Id}">{E(goal.Goal.Title)}</a></h2>
                <p>{Status(goal.Status)} · score {Percent(goal.Score)} · {E(Counts(goal.Counts))}</p>
                <p>
                """);
            foreach (var target in targets)
            {
                body.Append(Danish, $"""<a href="/planer/{U(slug)}/maal/{goal.Goal.Id}#maal-{target.TargetId}"><img class="spark" src="/api/v1/charts/targets/{target.TargetId}.svg?variant=sparkline" width="160" height="40" alt="Kurve for {E(target.IndicatorCode)} i {E(target.ScopeCode)}: {E(TargetStatusText.Danish(target.Status))}"></a>""");
            }
            body.Append(Danish, $"</p><p class=\"muted\">{E(worst?.ExplanationDa ?? "Ingen målbar indikator endnu.")}</p></section>");
        }
        body.Append("</div>");
        return Page(plan.Name, body.ToString(), "<p class=\"muted\"><a href=\"/\">Planer</a></p>");
    }

    private static async Task<IResult> GoalAsync(
        string slug, long goalId, string? asOf, PlanStore plans, PlanEvaluationCache evaluations, IndicatorStore indicators,
        CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        var evaluation = (await evaluations.EvaluatePlanAsync(slug, period, cancellationToken))!;
        var goal = evaluation.Goals.FirstOrDefault(g => g.Goal.Id == goalId)
            ?? evaluation.Goals.SelectMany(g => g.SubGoals).FirstOrDefault(g => g.Goal.Id == goalId);
        if (goal is null)
            return Results.NotFound();
        var names = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.Name);
        var body = new StringBuilder($"<p>{Status(goal.Status)} · ejer: {E(goal.Goal.OwningBody)}</p><p>{E(goal.Goal.Description)}</p>");
        body.Append(Danish, $"<p class=\"muted\"><a href=\"/planer/{U(slug)}/maal/{goal.Goal.Id}/rediger\">Redigér målet og dets måltal</a> (sekretariatet) · <a href=\"/planer/{U(slug)}/historik\">Historik</a></p>");
        if (goal.Targets.Count + goal.SubGoals.Sum(s => s.Targets.Count) > 0)
        {
            body.Append(Danish, $"<img class=\"chart\" src=\"/api/v1/charts/goals/{goal.Goal.Id}.svg?height=300\" width=\"800\" height=\"300\" " +
                $"alt=\"Overblik over målets indikatorer: {goal.Counts.Achieved} nået, {goal.Counts.OnTrack} på sporet, {goal.Counts.AtRisk} i risiko, {goal.Counts.OffTrack} ikke på sporet.\">");
        }
        AppendTargets(body, goal.Targets, names);
        foreach (var area in goal.SubGoals.GroupBy(s => s.Goal.FocusArea ?? "Øvrige"))
        {
            body.Append(Danish, $"<h2>Indsatsområde: {E(area.Key)}</h2>");
            foreach (var sub in area)
            {
                body.Append(Danish, $"<section class=\"card\"><h3>{E(sub.Goal.Title)}</h3><p>{Status(sub.Status)} · ejer: {E(sub.Goal.OwningBody)} · <a href=\"/planer/{U(slug)}/maal/{sub.Goal.Id}/rediger\">Redigér</a></p>");
                AppendTargets(body, sub.Targets, names);
                body.Append("</section>");
            }
        }
        return Page(goal.Goal.Title, body.ToString(), $"<p class=\"muted\"><a href=\"/\">Planer</a> › <a href=\"/planer/{U(slug)}\">{E(plan.Name)}</a></p>");
    }

    private static void AppendTargets(StringBuilder body, IEnumerable<TargetEvaluation> targets, IReadOnlyDictionary<string, string> names)
    {
        foreach (var t in targets)
        {
            var name = names.GetValueOrDefault(t.IndicatorCode, t.IndicatorCode);
            body.Append(Danish, $"""
                <section class="card" id="maal-{t.TargetId}"><h3><a href="/indikatorer/{U(t.IndicatorCode)}?area={U(t.ScopeCode)}">{E(name)}</a> · {E(t.ScopeCode)}</h3>
                <p>{Status(t.Status)}{(t.Uncertain ? " <span class=\"muted\">(usikker: ændringen kan skyldes tilfældig variation)</span>" : "")}</p>
                <img class="chart" src="/api/v1/charts/targets/{t.TargetId}.svg" width="800" height="400" alt="{E(t.ExplanationDa)}">
                <p>{E(t.ExplanationDa)}</p>
                <table><tr><th>Baseline</th><th>Seneste</th><th>Mål</th><th>Fremdrift</th><th>Forventet</th><th>Fremskrevet</th><th>Tendens (Mann–Kendall)</th></tr>
                <tr><td>{Figure(t.Baseline)}</td><td>{Figure(t.Latest)}</td><td>{Figure(t.Target)}</td>
                <td class="num">{Percent(t.DisplayProgress)}</td>
                <td class="num">{Percent(t.ExpectedProgress)}</td>
                <td class="num">{Number(t.ProjectionAtTarget)}</td>
                <td>{MannKendallText(t)}</td></tr></table></section>
                """);
        }
    }

    private static string Figure(PeriodValue? value) =>
        value is null ? "–" : $"{Number(value.Value)} ({E(value.Period.ToDanishString())})";

    private static string MannKendallText(TargetEvaluation t) => t.MannKendall switch
    {
        null => "–",
        { Method: Core.Statistics.PValueMethod.NotTestable } => "for få punkter til en test",
        var mk => $"S = {mk.S}, p = {Number(mk.PValue, 3)} ({(mk.Method == Core.Statistics.PValueMethod.Exact ? "eksakt" : "normalapproksimation")})",
    };
}
