using System.Globalization;
using System.Text.Json.Nodes;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.FrameworkHtml;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>The secretariat edits an indicator's texts (names, definition, decimals, influenceable); the code never changes.</summary>
public static class IndicatorEditPage
{
    public static Task<IResult> RenderAsync(string code, IndicatorStore indicators, FrameworkEditStore store, CancellationToken cancellationToken) =>
        PageAsync(code, indicators, store, null, new Dictionary<string, string>(StringComparer.Ordinal), null, cancellationToken);

    public static async Task<IResult> SubmitAsync(
        string code, HttpRequest request, IndicatorStore indicators, FrameworkEditStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var save = form["handling"] == "gem";
        var holder = save ? FormWriter.Of(context) : null;
        if (save && holder is null)
            return await PageAsync(code, indicators, store, form, errors, Note("Ikke gemt: du er ikke logget ind med en rolle, der må ændre indikatorer.", true), cancellationToken);
        JsonNode? decimals = int.TryParse(form["decimals"], NumberStyles.None, CultureInfo.InvariantCulture, out var d) ? d : null;
        if (decimals is null)
            errors["decimals"] = "Skriv et helt tal fra 0 til 6.";
        if (errors.Count > 0)
            return await PageAsync(code, indicators, store, form, errors, Note("Ikke gemt: ret felterne markeret med rødt.", true), cancellationToken);
        var version = long.TryParse(form["etag"], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var patch = new JsonObject
        {
            ["name"] = Text(form["name"]) ?? "",
            ["nameEn"] = Text(form["nameEn"]),
            ["definition"] = Text(form["definition"]),
            ["decimals"] = decimals,
            ["influenceable"] = form["influenceable"] == "on",
        };
        var result = await store.PatchIndicatorAsync(code, patch, new(holder?.Name ?? "forhåndsvisning", !save, version), cancellationToken);
        var (message, fieldErrors) = Outcome(result);
        var note = result.Status switch
        {
            EditStatus.DryRun => Diff(result.Changes, "Ændringer, hvis du gemmer (intet er gemt endnu)"),
            EditStatus.Saved => Note("Ændringerne er gemt.", false) + Diff(result.Changes, "Gemte ændringer"),
            _ => Note(message ?? "", true),
        };
        var keep = result.Status is EditStatus.DryRun or EditStatus.Invalid ? form : null;
        return await PageAsync(code, indicators, store, keep, fieldErrors, note, cancellationToken);
    }

    private static string Note(string text, bool error) => $"<p class=\"card{(error ? " error" : "")}\" id=\"besked\">{E(text)}</p>";

    private static async Task<IResult> PageAsync(
        string code, IndicatorStore indicators, FrameworkEditStore store, IFormCollection? posted, IReadOnlyDictionary<string, string> errors,
        string? note, CancellationToken cancellationToken)
    {
        // The version first, so the form's ETag is never newer than the texts it shows.
        if (await store.CatalogVersionAsync("indicator", code, cancellationToken) is not { } version
            || await indicators.FindAsync(code, cancellationToken) is not { } indicator)
            return Results.NotFound();
        string? Value(string field, string? stored) => posted is null ? stored : posted[field].ToString();
        var influenceable = posted is null ? indicator.Influenceable : posted["influenceable"] == "on";
        var body = $"""
            {note}
            <form class="card" method="post" action="/indikatorer/{U(code)}/rediger" id="indikator-form">
            <p class="muted">Koden {E(code)} kan ikke ændres; enhed og retning heller ikke her.</p>
            <input type="hidden" name="etag" value="{version}">
            {Field("Navn", "name", Value("name", indicator.Name), errors, required: true)}
            {Field("Navn på engelsk", "nameEn", Value("nameEn", indicator.NameEn), errors)}
            {Field("Definition", "definition", Value("definition", indicator.Definition), errors, "textarea")}
            {Field("Decimaler", "decimals", Value("decimals", indicator.Decimals.ToString(CultureInfo.InvariantCulture)), errors)}
            <label><input type="checkbox" name="influenceable"{(influenceable ? " checked" : "")}> Kan påvirkes af indsatsen</label>
            {Buttons("Gem indikatoren")}</form>
            """;
        return Page($"Redigér indikator: {indicator.Name}", body, $"<p class=\"muted\"><a href=\"/\">Planer</a> › <a href=\"/indikatorer/{U(code)}\">{E(indicator.Name)}</a></p>");
    }
}
