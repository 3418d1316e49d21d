using System.Text;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary><c>/admin/log</c>: the audit log for admins, newest first, a page of 200 at a time.</summary>
public static class AuditPage
{
    public static void MapAuditPage(this IEndpointRouteBuilder app) =>
        app.MapGet("/admin/log", RenderAsync).ExcludeFromDescription().RequireAuthorization(Auth.Policies.Admin);

    private static async Task<IResult> RenderAsync(long? foer, AuditLog log, CancellationToken cancellationToken)
    {
        var entries = await log.ListAsync(200, foer, cancellationToken);
        var body = new StringBuilder("<table><tr><th>Hvornår (UTC)</th><th>Hvem</th><th>Hvad</th><th>Emne</th><th>Detaljer</th></tr>");
        foreach (var entry in entries)
        {
            body.Append(Danish, $"<tr><td>{E(entry.At.ToString("yyyy-MM-dd HH:mm:ss", Danish))}</td><td>{E(entry.Actor)}</td>" +
                $"<td>{E(entry.Action)}</td><td>{E(entry.Subject)}</td><td>{E(entry.Detail)}</td></tr>");
        }
        body.Append("</table>");
        if (entries.Count == 200)
            body.Append(Danish, $"<p><a href=\"/admin/log?foer={entries[^1].Id}\">Ældre</a></p>");
        return Page("Revisionslog", entries.Count == 0 ? "<p class=\"muted\">Intet er skrevet endnu.</p>" : body.ToString());
    }
}
