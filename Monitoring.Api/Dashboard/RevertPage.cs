using System.Text;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Undoing a batch from the import page, in two steps: the first post is a dry run that says what
/// would change and offers the confirmation; the confirmed post reverts, as the signed-in person.
/// </summary>
public static class RevertPage
{
    private const int ListedPerKind = 50;

    public static async Task<IResult> RevertAsync(
        long id, [FromForm] string? reason, [FromForm] string? confirm, HttpContext context,
        BatchReverter reverter, ImportBatchStore batches, CancellationToken cancellationToken)
    {
        var title = string.Create(Danish, $"Fortryd batch {id}");
        var holder = FormWriter.Of(context);
        if (holder is null)
            return await PageWithJournal(title, "<p class=\"card error\">Intet er ændret: du er ikke logget ind med en rolle, der må fortryde importer.</p>", batches, cancellationToken);
        var confirmed = confirm == "ja";
        var result = await reverter.RevertAsync(new RevertRequest(id, reason, holder.Name, DryRun: !confirmed), cancellationToken);
        if (result.Outcome == RevertOutcome.NotFound)
            return await PageWithJournal(title, string.Create(Danish, $"<p class=\"card error\">Der findes ingen batch {id}.</p>"), batches, cancellationToken);
        if (result.Outcome == RevertOutcome.AlreadyReverted)
        {
            return await PageWithJournal(title, string.Create(Danish,
                $"<p class=\"card error\">Batch {id} er allerede fortrudt af batch {result.RevertedBy}. Fortryd batch {result.RevertedBy} for at få værdierne tilbage.</p>"),
                batches, cancellationToken);
        }

        var report = result.Report!;
        var body = new StringBuilder("<section class=\"card\" id=\"fortryd\">");
        body.Append(confirmed
            ? string.Create(Danish, $"<p>Batch {id} er fortrudt som batch {report.BatchId}: {report.Restored} værdier er gendannet, {report.Withdrawn} trukket tilbage og {report.Skipped} sprunget over.</p>")
            : string.Create(Danish, $"<p>Dette vil gendanne {report.Restored} værdier, trække {report.Withdrawn} tilbage og springe {report.Skipped} over") +
              (report.Skipped > 0 ? ", fordi en senere batch har ændret dem" : "") + ". Intet er ændret endnu.</p>");
        AppendValues(body, "Gendannes", report.RestoredValues, v => $"{Number(v.ValueNow, 2)} → {Number(v.ValueAfter, 2)}", report.Restored);
        AppendValues(body, "Trækkes tilbage", report.WithdrawnValues, v => $"{Number(v.ValueNow, 2)} → ingen værdi", report.Withdrawn);
        AppendValues(body, "Springes over", report.SkippedValues, v => string.Create(Danish, $"ændret siden af batch {v.ChangedSinceBy}"), report.Skipped);
        if (!confirmed)
        {
            body.Append(Danish, $"""
                <form method="post" action="/import/{id}/fortryd">
                <input type="hidden" name="confirm" value="ja">
                <label>Begrundelse <input name="reason" value="{E(reason)}"></label>
                        <button>Bekræft: fortryd batch {id}</button> <a href="/import">Annullér</a>
                </form>
                """);
        }
        body.Append("</section>");
        return await PageWithJournal(title, body.ToString(), batches, cancellationToken);
    }

    private static void AppendValues(StringBuilder body, string heading, IReadOnlyList<RevertedValue> values, Func<RevertedValue, string> change, int total)
    {
        if (values.Count == 0)
            return;
        body.Append(Danish, $"<h3>{E(heading)} ({total})</h3><table><tr><th>Indikator</th><th>Område</th><th>Periode</th><th>Undergruppe</th><th>Ændring</th></tr>");
        foreach (var v in values.Take(ListedPerKind))
            body.Append(Danish, $"<tr><td>{E(v.Indicator)}</td><td>{E(v.Area)}</td><td>{E(v.Period)}</td><td>{E(v.Subgroup)}</td><td>{E(change(v))}</td></tr>");
        body.Append("</table>");
        if (total > ListedPerKind)
            body.Append(Danish, $"<p class=\"muted\">… og {total - ListedPerKind} flere.</p>");
    }

    private static async Task<IResult> PageWithJournal(string title, string body, ImportBatchStore batches, CancellationToken cancellationToken) =>
        Page(title, body + await ImportJournal.RenderAsync(batches, cancellationToken));
}
