using System.Text;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Api.Auth;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>Upload a file of observations and read the batch report with its row-level errors; below, the import journal.</summary>
public static class ImportPage
{
    public static async Task<IResult> FormAsync(ImportBatchStore batches, CancellationToken cancellationToken) =>
        Page("Importér data", FormHtml() + await ImportJournal.RenderAsync(batches, cancellationToken));

    public static async Task<IResult> UploadAsync(
        [FromForm] IFormFile? file, [FromForm] string? dryRun, [FromForm] string? encoding,
        [FromForm] string? layout, [FromForm] string? sheet, HttpContext context, ObservationImporter importer,
        ImportBatchStore batches, ImportPreviewStage previews, CancellationToken cancellationToken)
    {
        var holder = FormWriter.Of(context);
        if (holder is null)
            return Page("Importér data", "<p class=\"card error\">Filen blev ikke importeret: du er ikke logget ind med en rolle, der må importere.</p>" + FormHtml());
        if (file is null || file.Length == 0)
            return Page("Importér data", "<p class=\"card error\">Vælg en fil (CSV, .xlsx eller .xls).</p>" + FormHtml());
        var options = new ImportOptions(Blank(encoding), Blank(layout), Blank(sheet));
        var report = await importer.ImportAsync(
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "dashboard", holder.Name, dryRun == "on") { Options = options },
            cancellationToken: cancellationToken);
        WriteAudit.Describe(context, ImportAudit.Of(report));
        // A trial that would import keeps its file, so the analyst saves what was previewed without choosing it again.
        var confirm = report.Status == ImportStatus.DryRun && report.RowsRead > 0
            ? ConfirmForm(await previews.KeepAsync(file, cancellationToken), Path.GetFileName(file.FileName), options)
            : "";
        return Page("Importér data", Report(report) + confirm + FormHtml() + await ImportJournal.RenderAsync(batches, cancellationToken));
    }

    /// <summary>Saves a previewed file as it was read in the trial (same encoding, layout and sheet).</summary>
    public static async Task<IResult> ConfirmAsync(
        [FromForm] string? preview, [FromForm] string? fileName, [FromForm] string? encoding, [FromForm] string? layout, [FromForm] string? sheet,
        HttpContext context, ObservationImporter importer, ImportBatchStore batches, ImportPreviewStage previews, CancellationToken cancellationToken)
    {
        var holder = FormWriter.Of(context);
        if (holder is null)
            return Page("Importér data", "<p class=\"card error\">Filen blev ikke importeret: du er ikke logget ind med en rolle, der må importere.</p>" + FormHtml());
        if (previews.Find(preview) is not { } path)
        {
            return Page("Importér data",
                "<p class=\"card error\">Prøvekørslen findes ikke længere (den gemmes et døgn, og kun til den første bekræftelse). Vælg filen igen.</p>" + FormHtml());
        }
        var name = string.IsNullOrWhiteSpace(fileName) ? "fil" : Path.GetFileName(fileName.Trim());
        var report = await importer.ImportAsync(
            new ImportRequest(() => File.OpenRead(path), name, "dashboard", holder.Name, false)
            {
                Options = new ImportOptions(Blank(encoding), Blank(layout), Blank(sheet)),
            },
            cancellationToken: cancellationToken);
        WriteAudit.Describe(context, ImportAudit.Of(report));
        ImportPreviewStage.Remove(path);
        return Page("Importér data", Report(report) + FormHtml() + await ImportJournal.RenderAsync(batches, cancellationToken));
    }

    private static string Report(ImportReport report)
    {
        var body = new StringBuilder();
        var verdict = report.Status switch
        {
            ImportStatus.Committed => $"Importeret som batch {report.BatchId}.",
            ImportStatus.DryRun => "Prøvekørsel: intet er gemt.",
            ImportStatus.AlreadyImported => $"Filen er allerede importeret (batch {report.AlreadyImportedAs}); intet er ændret.",
            _ => $"Filen blev afvist med {report.ErrorCount} fejl; intet er gemt.",
        };
        body.Append(Danish, $"<section class=\"card\" id=\"rapport\"><h2>{E(report.FileName)}</h2><p class=\"{(report.Status == ImportStatus.Rejected ? "error" : "")}\">{E(verdict)}</p>");
        body.Append(Danish, $"<table><tr><th>Rækker læst</th><th>Nye</th><th>Ændrede</th><th>Uændrede</th><th>Afviste rækker</th></tr>" +
            $"<tr><td class=\"num\">{report.RowsRead}</td><td class=\"num\">{report.Created}</td><td class=\"num\">{report.Changed}</td>" +
            $"<td class=\"num\">{report.Unchanged}</td><td class=\"num\">{report.RowsRejected}</td></tr></table>");
        ImportPreview.Append(body, report);
        if (report.Errors.Count > 0)
        {
            body.Append("<h3>Fejl pr. række</h3><table id=\"fejl\"><tr><th>Række</th><th>Kolonne</th><th>Værdi</th><th>Fejl</th></tr>");
            foreach (var error in report.Errors)
                body.Append(Danish, $"<tr><td class=\"num\">{error.Row}</td><td>{E(error.Column)}</td><td>{E(error.Value)}</td><td>{E(error.Message)}</td></tr>");
            body.Append("</table>");
        }
        return body.Append("</section>").ToString();
    }

    private static string ConfirmForm(string previewId, string fileName, ImportOptions options) =>
        $"""
        <form class="card action" id="bekraeft" method="post" action="/import/bekraeft">
        <p>Ser det rigtigt ud? Gem filen {E(fileName)} præcis som vist ovenfor (samme tegnsæt, layout og ark).</p>
        <input type="hidden" name="preview" value="{E(previewId)}">
        <input type="hidden" name="fileName" value="{E(fileName)}">
        <input type="hidden" name="encoding" value="{E(options.Encoding)}">
        <input type="hidden" name="layout" value="{E(options.Layout)}">
        <input type="hidden" name="sheet" value="{E(options.Sheet)}">
        <button>Gem importen</button>
        </form>
        """;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text;

    private static string FormHtml() => """
        <form class="card" id="upload" method="post" action="/import" enctype="multipart/form-data" data-busy>
        <p>CSV (UTF-8, UTF-16 eller Windows-1252) eller regneark (.xlsx, .xls), langt format
        (<code>indicator, area, period, value, numerator, denominator, subgroup</code> eller Indikator, Område, År, Værdi, Tæller, Nævner, Undergruppe)
        eller bredt (år eller indikatorer som kolonner). Vælg prøvekørsel for at se, hvordan filen bliver læst, før den gemmes.</p>
        <label>Fil <input type="file" name="file" accept=".csv,text/csv,.xlsx,.xls" required></label>
        <label>Tegnsæt <select name="encoding"><option value="">find selv</option><option>utf-8</option><option>utf-16</option><option>windows-1252</option></select></label>
        <label>Layout <select name="layout"><option value="">find selv</option><option value="long">langt</option><option value="wide-periods">år som kolonner</option><option value="wide-indicators">indikatorer som kolonner</option></select></label>
        <label>Ark (regneark) <input type="text" name="sheet" placeholder="første ark"></label>
        <label><input type="checkbox" name="dryRun"> Prøvekørsel (gem intet)</label>
        <button>Importér</button>
        <progress aria-label="Filen sendes og kontrolleres"></progress>
        </form>
        """;
}
