using System.Text;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>An indicator in one area: chart, table of observations with n and suppression marks, comments.</summary>
public static class IndicatorPage
{
    public static async Task<IResult> RenderAsync(
        string code, string? area, string? subgroup, string? message, IndicatorStore indicators, ScopeStore scopes, SeriesQuery series,
        CommentStore comments, PlanStore plans, HttpContext context, PlanScopeLookup lookup, CancellationToken cancellationToken)
    {
        if (await indicators.FindAsync(code, cancellationToken) is not { } indicator)
            return Results.NotFound();
        // A caller scoped to plans sees the areas, comments and plans of its plans only.
        var allScopes = await Endpoints.AreasEndpoints.VisibleAsync(await scopes.ListAsync(cancellationToken), s => s.Code, context, lookup.AreasOfAsync, cancellationToken);
        if ((allScopes.FirstOrDefault(s => s.Code == area) ?? allScopes.FirstOrDefault(s => s.Kind == ScopeKind.Area)) is not { } scope)
            return Results.NotFound();
        var observations = await series.AllSubgroupsAsync(code, scope.Code, cancellationToken);
        var body = new StringBuilder();
        if (!string.IsNullOrEmpty(message))
            body.Append(Danish, $"<p class=\"card\">{E(message)}</p>");
        body.Append(Danish, $"<p class=\"muted\"><a href=\"/indikatorer/{U(code)}/rediger\">Redigér indikatorens tekster</a> (sekretariatet)</p>");
        body.Append(Danish, $"<p class=\"muted\">{E(indicator.Definition)} Enhed: {E(indicator.Unit.ToString())}. Retning: {(indicator.Direction == Direction.LowerBetter ? "lavere er bedre" : indicator.Direction == Direction.HigherBetter ? "højere er bedre" : "inden for et målbånd")}.</p>");
        body.Append("<form method=\"get\"><label>Område <select name=\"area\" onchange=\"this.form.submit()\">");
        foreach (var s in allScopes)
            body.Append(Danish, $"<option value=\"{E(s.Code)}\"{(s.Code == scope.Code ? " selected" : "")}>{E(s.Name)}</option>");
        body.Append("</select></label><noscript><button>Vis</button></noscript></form>");
        var chartSubgroup = subgroup ?? "";
        body.Append(Danish, $"<img class=\"chart\" src=\"/api/v1/charts/indicators/{U(code)}.svg?area={U(scope.Code)}&subgroup={U(chartSubgroup)}\" width=\"800\" height=\"400\" alt=\"{E(indicator.Name)} for {E(scope.Name)} over tid\">");
        body.Append("<h2>Målinger</h2><table><tr><th>Periode</th><th>Delgruppe</th><th>Værdi</th><th>Tæller</th><th>n</th><th>Bemærkning</th></tr>");
        foreach (var o in observations.OrderByDescending(o => o.Period).ThenBy(o => o.Subgroup))
        {
            var suppressed = o.Flags.HasFlag(ObservationFlags.Suppressed);
            body.Append(Danish, $"<tr><td>{E(o.Period.ToDanishString())}</td><td>{E(o.Subgroup.Length == 0 ? "alle" : o.Subgroup)}</td>" +
                $"<td class=\"num\">{(suppressed ? "✱" : Number(o.Value, indicator.Decimals))}</td><td class=\"num\">{Number(o.Numerator, 0)}</td>" +
                $"<td class=\"num\">{Number(o.Denominator, 0)}</td><td>{(suppressed ? "diskretioneret (for få personer)" : o.Flags.HasFlag(ObservationFlags.Revised) ? "revideret" : "")}</td></tr>");
        }
        body.Append("</table><h2>Kommentarer</h2>");
        var notes = (await comments.ForIndicatorAsync(code, cancellationToken)).Where(n => Auth.CallerClaims.MaySee(context.User, n.PlanSlug)).ToList();
        body.Append(notes.Count == 0 ? "<p class=\"muted\">Ingen kommentarer endnu.</p>" : "<ul>");
        foreach (var note in notes)
        {
            var decision = note.IsDecision ? $"<em>Sag til bestyrelsen · {E(CommentKinds.DecisionTypeLabel(note.DecisionType))}:</em> " : "";
            body.Append(Danish, $"<li><strong>{E(note.Author)}</strong> ({E(note.PlanSlug)}{(note.Period is null ? "" : ", " + E(note.Period.Value.ToDanishString()))}): {decision}{E(note.Text)}</li>");
        }
        if (notes.Count > 0)
            body.Append("</ul>");
        body.Append(Danish, $"<form class=\"card\" method=\"post\" action=\"/indikatorer/{U(code)}/kommentarer\"><h3>Tilføj kommentar (sekretariatet)</h3>" +
            $"<input type=\"hidden\" name=\"area\" value=\"{E(scope.Code)}\"><label>Plan <select name=\"plan\">");
        foreach (var plan in (await plans.ListAsync(cancellationToken)).Where(p => Auth.CallerClaims.MaySee(context.User, p.Slug)))
            body.Append(Danish, $"<option value=\"{E(plan.Slug)}\">{E(plan.Name)}</option>");
        body.Append("</select></label><label>Periode (valgfri) <input name=\"period\" placeholder=\"2024\"></label>" +
            "<label>Slags <select name=\"kind\"><option value=\"note\">Note (baggrund til tallene)</option>" +
            "<option value=\"decision\">Sag til bestyrelsen (Bestyrelsen bedes …)</option></select></label>" +
            "<label>Sagstype (kun for sager) <select name=\"decisionType\"><option value=\"\">–</option>" +
            "<option value=\"strategisk\">Strategisk</option><option value=\"samarbejde\">Samarbejde</option>" +
            "<option value=\"prioritering\">Prioritering</option></select></label>" +
            "<label>Forfatter <input name=\"author\" required></label><label>Kommentar <textarea name=\"text\" rows=\"3\" cols=\"60\" required></textarea></label>" +
            "<button>Gem kommentar</button></form>");
        return Page(indicator.Name, body.ToString(), "<p class=\"muted\"><a href=\"/\">Planer</a></p>");
    }

    public static async Task<IResult> AddCommentAsync(
        string code, [FromForm] string plan, [FromForm] string? period, [FromForm] string author, [FromForm] string text,
        [FromForm] string? area, [FromForm] string? kind, [FromForm] string? decisionType, HttpContext context, CommentStore comments, CancellationToken cancellationToken)
    {
        string Back(string message) => $"/indikatorer/{U(code)}?area={U(area ?? "")}&message={U(message)}";
        if (FormWriter.Of(context) is null)
            return Results.Redirect(Back("Kommentaren blev ikke gemt: du er ikke logget ind med en rolle, der må skrive."));
        Period? at = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period, out var parsed))
                return Results.Redirect(Back($"Kommentaren blev ikke gemt: '{period}' er ikke en periode (fx 2024 eller 2024K2)."));
            at = parsed;
        }
        if (string.IsNullOrWhiteSpace(author) || string.IsNullOrWhiteSpace(text))
            return Results.Redirect(Back("Kommentaren blev ikke gemt: forfatter og tekst skal udfyldes."));
        var (commentKind, type, kindError) = CommentKinds.Normalise(kind, decisionType);
        if (kindError is { } error)
            return Results.Redirect(Back("Kommentaren blev ikke gemt: " + error.Da));
        var id = await comments.CreateAsync(plan, null, code, at, author.Trim(), text.Trim(), commentKind, type, cancellationToken);
        return Results.Redirect(Back(id is null ? $"Planen '{plan}' findes ikke." : "Kommentaren er gemt."));
    }
}
