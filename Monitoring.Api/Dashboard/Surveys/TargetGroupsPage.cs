using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Surveys;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard.Surveys;

/// <summary>
/// <c>GET /planer/{slug}/undersoegelser/{indicator}?area=&amp;wave=</c>: a survey question's target groups
/// side by side. The body is the Razor component <see cref="TargetGroupsView"/>, rendered inside the
/// dashboard's one page frame.
/// </summary>
public static class TargetGroupsPage
{
    public static async Task<IResult> RenderAsync(
        string slug, string indicator, string? area, string? wave, PlanStore plans, ScopeStore scopes, TargetGroupQuery query,
        IServiceProvider services, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return Results.NotFound();
        Period? period = null;
        if (!string.IsNullOrEmpty(wave))
        {
            if (!Period.TryParse(wave, out var parsed))
                return Results.BadRequest("Bølgen er ikke en periode (fx 2023).");
            period = parsed;
        }
        var areas = (await scopes.ListAsync(cancellationToken)).Where(s => plan.AreaCodes.Contains(s.Code)).ToList();
        // The first of the plan's areas with data when none is named.
        var comparison = null as Monitoring.Core.Surveys.TargetGroupComparison;
        foreach (var candidate in string.IsNullOrEmpty(area) ? areas.Select(a => a.Code) : [area])
        {
            comparison = await query.CompareAsync(indicator, candidate, period, cancellationToken);
            if (comparison is not null)
                break;
        }
        if (comparison is null)
            return Results.NotFound();

        var model = new TargetGroupsModel(plan.Slug, plan.Name, comparison, areas);
        await using var renderer = new HtmlRenderer(services, loggers);
        var body = await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<TargetGroupsView>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model })))
                .ToHtmlString());
        var crumbs = $"<p><a href=\"/\">Planer</a> › <a href=\"/planer/{U(plan.Slug)}\">{E(plan.Name)}</a></p>";
        return Page($"Målgrupper: {comparison.Indicator.Name} – {comparison.Area.Name}, {comparison.Wave.ToDanishString()}", body, crumbs);
    }
}
