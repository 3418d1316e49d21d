using System.Text;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Surveys;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard.Surveys;

/// <summary>
/// <c>/import/undersoegelse</c>: a respondent file uploaded from the browser, on its own page beside
/// the import page. The answer shows counts and the batch of shares, never a respondent.
/// </summary>
public static class SurveyImportPage
{
    private const string Title = "Importér spørgeskemabesvarelser";

    public static async Task<IResult> FormAsync(SurveyDefinitionStore surveys, CancellationToken cancellationToken) =>
        Page(Title, await FormHtmlAsync(surveys, cancellationToken));

    public static async Task<IResult> UploadAsync(
        [FromForm] IFormFile? file, [FromForm] string? survey, [FromForm] string? dryRun, [FromForm] string? encoding,
        [FromForm] string? sheet, HttpContext context, SurveyDefinitionStore surveys, SurveyImporter importer, CancellationToken cancellationToken)
    {
        var form = await FormHtmlAsync(surveys, cancellationToken);
        var holder = FormWriter.Of(context);
        if (holder is null)
            return Page(Title, "<p class=\"card error\">Filen blev ikke importeret: du er ikke logget ind med en rolle, der må importere.</p>" + form);
        if (file is null || file.Length == 0 || string.IsNullOrWhiteSpace(survey))
            return Page(Title, "<p class=\"card error\">Vælg en undersøgelse og en fil (CSV, .xlsx eller .xls).</p>" + form);
        var report = await importer.ImportAsync(survey,
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "dashboard", holder.Name, dryRun == "on")
            {
                Options = new ImportOptions(string.IsNullOrWhiteSpace(encoding) ? null : encoding, null, string.IsNullOrWhiteSpace(sheet) ? null : sheet),
            },
            cancellationToken);
        if (report is null)
            return Page(Title, $"<p class=\"card error\">Ukendt undersøgelse '{E(survey)}'.</p>" + form);
        var import = report.Import;
        var verdict = report.Status switch
        {
            ImportStatus.Committed => $"Andelene er importeret som batch {import?.BatchId}.",
            ImportStatus.DryRun => "Prøvekørsel: intet er gemt.",
            ImportStatus.AlreadyImported => $"Andelene er allerede importeret (batch {import?.AlreadyImportedAs}); intet er ændret.",
            _ => $"Filen blev afvist med {report.Errors.Count} fejl; intet er gemt.",
        };
        var body = new StringBuilder();
        body.Append(Danish, $"<section class=\"card\" id=\"rapport\"><h2>{E(report.FileName)}</h2><p class=\"{(report.Status == ImportStatus.Rejected ? "error" : "")}\">{E(verdict)}</p>");
        body.Append(Danish, $"<p class=\"muted\">Læst som {E(report.Format)}.</p>");
        body.Append(Danish, $"<table><tr><th>Besvarelser</th><th>Bølger</th><th>Andele</th><th>Tilbageholdt (for få svar)</th><th>Nye</th><th>Ændrede</th><th>Uændrede</th></tr>" +
            $"<tr><td class=\"num\">{report.Respondents}</td><td>{E(string.Join(", ", report.Waves))}</td><td class=\"num\">{report.Aggregates}</td>" +
            $"<td class=\"num\">{report.Suppressed}</td><td class=\"num\">{import?.Created ?? 0}</td><td class=\"num\">{import?.Changed ?? 0}</td>" +
            $"<td class=\"num\">{import?.Unchanged ?? 0}</td></tr></table>");
        if (report.Errors.Count > 0)
        {
            body.Append("<h3>Fejl pr. række</h3><table id=\"fejl\"><tr><th>Række</th><th>Kolonne</th><th>Værdi</th><th>Fejl</th></tr>");
            foreach (var error in report.Errors)
                body.Append(Danish, $"<tr><td class=\"num\">{error.Row}</td><td>{E(error.Column)}</td><td>{E(error.Value)}</td><td>{E(error.Message)}</td></tr>");
            body.Append("</table>");
        }
        body.Append("</section>");
        return Page(Title, body + form);
    }

    private static async Task<string> FormHtmlAsync(SurveyDefinitionStore surveys, CancellationToken cancellationToken)
    {
        var options = string.Concat((await surveys.ListAsync(cancellationToken)).Select(s => $"<option value=\"{E(s.Code)}\">{E(s.Name)}</option>"));
        return $"""
            <form class="card" id="survey-upload" method="post" action="/import/undersoegelse" enctype="multipart/form-data">
            <p>Én række pr. besvarelse: respondent-id, område, bølge, baggrundsoplysninger (fx alder, køn) og én kolonne pr. spørgsmål,
            som undersøgelsens definition beskriver. Besvarelserne gemmes adskilt og vises aldrig; kun andelene pr. område, bølge og målgruppe
            importeres. Grupper med færre end fem svar tilbageholdes. Vælg prøvekørsel for at se resultatet, før noget gemmes.</p>
            <label>Undersøgelse <select name="survey" required>{options}</select></label>
            <label>Fil <input type="file" name="file" accept=".csv,text/csv,.xlsx,.xls" required></label>
            <label>Tegnsæt <select name="encoding"><option value="">find selv</option><option>utf-8</option><option>utf-16</option><option>windows-1252</option></select></label>
            <label>Ark (regneark) <input type="text" name="sheet" placeholder="første ark"></label>
            <label><input type="checkbox" name="dryRun"> Prøvekørsel (gem intet)</label>
            <button>Importér besvarelser</button>
            </form>
            """;
    }
}
