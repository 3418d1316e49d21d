using System.Text;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.FrameworkHtml;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>The plan's framework history: who changed which goal, target, indicator or area, when, and from what to what.</summary>
public static class HistoryPage
{
    private static readonly TimeZoneInfo Copenhagen = TimeZoneInfo.FindSystemTimeZoneById("Europe/Copenhagen");

    public static async Task<IResult> RenderAsync(string slug, PlanStore plans, FrameworkHistoryStore history, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan || await history.ForPlanAsync(slug, cancellationToken) is not { } entries)
            return Results.NotFound();
        var html = new StringBuilder();
        if (entries.Count == 0)
            html.Append("<p class=\"card\">Målrammen er ikke ændret, siden planen blev oprettet.</p>");
        else
        {
            html.Append("<table id=\"historik\"><tr><th>Hvornår</th><th>Hvem</th><th>Hvad</th><th>Handling</th><th>Felt</th><th>Før</th><th>Efter</th></tr>");
            foreach (var entry in entries)
            {
                var when = TimeZoneInfo.ConvertTime(entry.ChangedAt, Copenhagen).ToString("d. MMMM yyyy HH:mm", Danish);
                AppendChange(html, EntityDa(entry.Entity) + " " + entry.Key, entry.Action, entry.Before, entry.After, E(when), E(entry.ChangedBy));
            }
            html.Append("</table>");
        }
        var crumbs = $"<p class=\"muted\"><a href=\"/\">Planer</a> › <a href=\"/planer/{U(slug)}\">{E(plan.Name)}</a></p>";
        return Page($"Historik: {plan.Name}", html.ToString(), crumbs);
    }
}
