using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The page frame and small HTML helpers of the pages still built as strings (import, undo and the
/// framework edit forms); the board's read pages are Razor components (Views). Both use the one
/// stylesheet, <see cref="DashboardStyles"/>.
/// </summary>
public static class Html
{
    public static string E(string? text) => HtmlEncoder.Default.Encode(text ?? "");

    public static string U(string text) => Uri.EscapeDataString(text);

    /// <summary>The pages are Danish text for Danish readers: numbers in them are written the Danish way.</summary>
    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    /// <summary>Through the one formatter (<see cref="ValueFormat"/>), so the dashboard reads the same figure as the brief and the CSV.</summary>
    public static string Number(double? value, int decimals = 1) =>
        value is null ? "–" : ValueFormat.Da(value.Value, decimals);

    /// <summary>A share as a whole percentage (0,625 → 63 %), the way the brief shows goal scores.</summary>
    public static string Percent(double? share) => share is null ? "–" : ValueFormat.Percent(share.Value);

    /// <summary>
    /// How many targets stand where, always shown beside a goal's status: "4 succeskriterier: 1 nået,
    /// 3 for få data". "Mål" is kept for goals, so the count of targets does not read as a count of goals.
    /// </summary>
    public static string Counts(StatusCounts counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var total = counts.Achieved + counts.OnTrack + counts.AtRisk + counts.OffTrack + counts.InsufficientData;
        var parts = new (int Count, TargetStatus Status)[]
            {
                (counts.Achieved, TargetStatus.Achieved), (counts.OnTrack, TargetStatus.OnTrack), (counts.AtRisk, TargetStatus.AtRisk),
                (counts.OffTrack, TargetStatus.OffTrack), (counts.InsufficientData, TargetStatus.InsufficientData),
            }
            .Where(p => p.Count > 0)
            .Select(p => string.Create(Danish, $"{p.Count} {TargetStatusText.Danish(p.Status)}"));
        var noun = total == 1 ? "succeskriterium" : "succeskriterier";
        return total == 0 ? "ingen succeskriterier" : string.Create(Danish, $"{total} {noun}: {string.Join(", ", parts)}");
    }

    /// <summary>As the Razor pages' StatusMark: coloured by class from the stylesheet, no style attribute (fit for a strict CSP).</summary>
    public static string Status(TargetStatus status) =>
        $"<span class=\"status status-{EnumText.ToText(status)}\">{StatusPalette.Symbol(status)} {E(TargetStatusText.Danish(status))}</span>";

    public static IResult Page(string title, string body, string? crumbs = null)
    {
        var html = new StringBuilder();
        html.Append(Danish, $"""
            <!DOCTYPE html>
            <html lang="da">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <link rel="icon" href="data:,">
            <title>{E(title)} – Monitorering</title>
            <link rel="stylesheet" href="{DashboardStyles.Path}">
            <script src="{DashboardScript.Path}" defer></script>
            </head>
            <body>
            <header><a href="/" class="brand">Monitorering</a> <nav><a href="/">Planer</a> <a href="/import">Import</a> <a href="/swagger">API</a></nav></header>
            <main>
            {crumbs ?? ""}
            <h1>{E(title)}</h1>
            {body}
            </main>
            <footer>Eksempeldata er syntetiske. Værdier, der bygger på færre end fem personer, vises ikke.</footer>
            </body>
            </html>
            """);
        return new FormTokenPage(html.ToString());
    }
}
