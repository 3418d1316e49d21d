using System.Text;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The import page's journal: the latest batches, which batch reverts which and why, and an
/// "undo" form on each batch that still stands. The form asks for a preview first (a dry run);
/// the preview page carries the confirmation.
/// </summary>
public static class ImportJournal
{
    private const int Shown = 20;

    public static async Task<string> RenderAsync(ImportBatchStore batches, CancellationToken cancellationToken)
    {
        var list = await batches.ListAsync(Shown, null, cancellationToken);
        var html = new StringBuilder("<section class=\"card\" id=\"journal\"><h2>Importjournal</h2>");
        if (list.Count == 0)
            return html.Append("<p class=\"muted\">Der er ikke importeret noget endnu.</p></section>").ToString();
        html.Append("<table><tr><th>Batch</th><th>Tidspunkt</th><th>Fil</th><th>Kilde</th><th>Af</th><th>Nye</th><th>Ændrede</th>" +
                    "<th>Trukket tilbage</th><th>Fortrydelse og begrundelse</th><th></th></tr>");
        foreach (var b in list)
        {
            html.Append(Danish, $"<tr id=\"batch-{b.Id}\"><td class=\"num\">{b.Id}</td><td>{E(b.CreatedAt.ToString("yyyy-MM-dd HH:mm", Danish))}</td>" +
                $"<td>{E(b.FileName)}</td><td>{E(b.Source)}</td><td>{E(b.CreatedBy)}</td><td class=\"num\">{b.Created}</td>" +
                $"<td class=\"num\">{b.Changed}</td><td class=\"num\">{b.Withdrawn}</td><td>{E(Note(b))}</td><td>{UndoForm(b)}</td></tr>");
        }
        return html.Append("</table></section>").ToString();
    }

    private static string Note(ImportBatch batch)
    {
        var parts = new List<string>();
        if (batch.RevertsBatchId is { } reverts)
            parts.Add(string.Create(Danish, $"fortryder batch {reverts}"));
        if (batch.RevertedByBatchId is { } by)
            parts.Add(string.Create(Danish, $"fortrudt af batch {by}"));
        if (batch.Reason is { } reason)
            parts.Add($"“{reason}”");
        return string.Join(" · ", parts);
    }

    /// <summary>A batch is undone once; one already undone offers nothing (undo its revert instead).</summary>
    private static string UndoForm(ImportBatch batch) =>
        batch.Status != ImportStatus.Committed || batch.RevertedByBatchId is not null
            ? ""
            : string.Create(Danish, $"""
                <form method="post" action="/import/{batch.Id}/fortryd">
                <input name="reason" placeholder="Begrundelse" aria-label="Begrundelse for at fortryde batch {batch.Id}">
                <button>Fortryd …</button>
                </form>
                """);
}
