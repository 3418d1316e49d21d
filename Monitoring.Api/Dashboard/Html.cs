using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Monitoring.Core.Charts;
using Monitoring.Core.Evaluation;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The dashboard's page frame and small HTML helpers. Pages are server-rendered and work without
/// JavaScript; the stylesheet is inline so a saved or printed page is whole.
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

    public static string Status(TargetStatus status) =>
        $"<span class=\"status\" style=\"color:{StatusPalette.Color(status)}\">{StatusPalette.Symbol(status)} {E(TargetStatusText.Danish(status))}</span>";

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
            <style>{Css}</style>
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

    private const string Css = """
        body{font-family:"DejaVu Sans",system-ui,sans-serif;margin:0;color:#222;background:#fafafa;line-height:1.45}
        header{background:#0b3d62;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.5rem;align-items:center;flex-wrap:wrap}
        header a{color:#fff;text-decoration:none;margin-right:1rem}.brand{font-weight:bold}
        main{max-width:1100px;margin:0 auto;padding:1rem 1.2rem}
        footer{max-width:1100px;margin:2rem auto;padding:0 1.2rem;color:#666;font-size:.85rem}
        .card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:1rem;margin:1rem 0}
        .status{font-weight:bold;white-space:nowrap}
        .goals{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));gap:1rem}
        .spark{display:inline-block;margin:.2rem .4rem .2rem 0;vertical-align:middle}
        table{border-collapse:collapse;width:100%;background:#fff}th,td{border-bottom:1px solid #e3e3e3;padding:.3rem .5rem;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        .action{border-left:5px solid #D55E00}.muted{color:#666}.error{color:#b00020}
        img.chart{max-width:100%;height:auto;border:1px solid #eee;background:#fff}
        form label{display:block;margin:.4rem 0}input,select,textarea{font:inherit}
        progress{width:100%;display:none}form.busy progress{display:block}
        @media print{header,footer,form,nav{display:none}body{background:#fff}.card{break-inside:avoid;border:none}main{max-width:none}}
        """;
}
