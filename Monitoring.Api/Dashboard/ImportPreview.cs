using System.Globalization;
using System.Text;
using Monitoring.Ingest.Import;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// How the file was read — encoding, dialect, layout, column mapping — the first rows as they will
/// be stored, and the rows skipped as missing: so an analyst sees a wrong guess in a dry run, before committing.
/// </summary>
public static class ImportPreview
{
    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static void Append(StringBuilder body, ImportReport report)
    {
        if (report.Detected is { } detected)
        {
            body.Append(Danish, $"<h3>Sådan blev filen læst</h3><table id=\"format\"><tr><th>Type</th><td>{E(detected.Kind)}</td></tr>" +
                $"<tr><th>Tegnsæt</th><td>{E(detected.Encoding)}</td></tr><tr><th>Dialekt</th><td>{E(detected.Dialect)}</td></tr>" +
                $"<tr><th>Layout</th><td>{E(detected.Layout)}</td></tr></table>");
            body.Append("<table id=\"kolonner\"><tr><th>Kolonne i filen</th><th>Læst som</th></tr>");
            foreach (var column in detected.Columns)
                body.Append(Danish, $"<tr><td>{E(column.Header)}</td><td>{E(column.Column)}</td></tr>");
            body.Append("</table>");
        }
        if (report.Preview is { Count: > 0 } preview)
        {
            body.Append("<h3>De første rækker, som de gemmes</h3><table id=\"forhaandsvisning\"><tr><th>Række</th><th>Indikator</th><th>Område</th>" +
                "<th>Periode</th><th>Undergruppe</th><th>Værdi</th><th>Tæller</th><th>Nævner</th></tr>");
            foreach (var row in preview)
            {
                body.Append(Danish, $"<tr><td class=\"num\">{row.Row}</td><td>{E(row.Indicator)}</td><td>{E(row.Area)}</td><td>{E(row.Period)}</td>" +
                    $"<td>{E(row.Subgroup)}</td><td class=\"num\">{row.Value.ToString(Danish)}</td>" +
                    $"<td class=\"num\">{row.Numerator?.ToString(Danish)}</td><td class=\"num\">{row.Denominator?.ToString(Danish)}</td></tr>");
            }
            body.Append("</table>");
        }
        if (report.SkippedCount > 0)
        {
            body.Append(Danish, $"<h3>Sprunget over: {report.SkippedCount} rækker uden værdi (.., - eller tom)</h3><table id=\"oversprunget\"><tr><th>Række</th><th>Indikator</th><th>Område</th><th>Periode</th><th>Værdi</th></tr>");
            foreach (var row in (report.Skipped ?? []).Take(50))
                body.Append(Danish, $"<tr><td class=\"num\">{row.Row}</td><td>{E(row.Indicator)}</td><td>{E(row.Area)}</td><td>{E(row.Period)}</td><td>{E(row.Value)}</td></tr>");
            body.Append("</table>");
        }
    }
}
