using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;
using static Monitoring.Api.Dashboard.FrameworkHtml;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Upload a plan definition (the JSON the plan page's download gives) to replace the framework:
/// first the diff, then save; goals and targets are matched by key, missing ones retired.
/// </summary>
public static class PlanDefinitionPage
{
    public static async Task<IResult> RenderAsync(string slug, FrameworkEditStore store, CancellationToken cancellationToken) =>
        await store.DefinitionAsync(slug, cancellationToken) is { } found ? Page(slug, found.Version, null) : Results.NotFound();

    public static async Task<IResult> SubmitAsync(
        string slug, [FromForm] IFormFile? file, [FromForm] string? etag, [FromForm] string? handling,
        FrameworkEditStore store, HttpContext context, CancellationToken cancellationToken)
    {
        var version = long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1;
        var save = handling == "gem";
        var holder = save ? FormWriter.Of(context) : null;
        if (save && holder is null)
            return Page(slug, version, Note("Ikke gemt: du er ikke logget ind med en rolle, der må ændre målrammen."));
        if (file is null || file.Length == 0)
            return Page(slug, version, Note("Vælg en JSON-fil med planens målramme."));
        PlanDefinition? plan;
        try
        {
            await using var stream = file.OpenReadStream();
            plan = await JsonSerializer.DeserializeAsync<PlanDefinition>(stream, MetadataJson.Options, cancellationToken);
        }
        catch (JsonException exception)
        {
            return Page(slug, version, Note($"Filen er ikke en målramme: {exception.Path} – {exception.Message.Split('\n')[0]}"));
        }
        if (plan is null)
            return Page(slug, version, Note("Filen er tom."));
        var result = await store.ReplacePlanAsync(slug, plan, new(holder?.Name ?? "forhåndsvisning", !save, version), cancellationToken);
        var (message, _) = Outcome(result);
        var html = result.Status switch
        {
            EditStatus.DryRun => Diff(result.Changes, "Ændringer, hvis du gemmer (intet er gemt endnu; vælg filen igen og tryk Gem)"),
            EditStatus.Saved => Note("Målrammen er gemt.", false) + Diff(result.Changes, "Gemte ændringer"),
            _ => Note(message ?? "") + "<ul class=\"error\">" + string.Concat((result.Errors ?? []).Select(e => $"<li>{E(e.Field)}: {E(e.Message)}</li>")) + "</ul>",
        };
        var current = result.Status == EditStatus.Saved ? result.Version ?? version : version;
        return Page(slug, current, html);
    }

    private static string Note(string text, bool error = true) => $"<p class=\"card{(error ? " error" : "")}\" id=\"besked\">{E(text)}</p>";

    private static IResult Page(string slug, long version, string? note) => Html.Page($"Målramme: {slug}", $"""
        {note}
        <p><a href="/api/v1/plans/{U(slug)}/definition">Hent målrammen som JSON</a> · <a href="/planer/{U(slug)}/historik">Historik</a></p>
        <form class="card" method="post" action="/planer/{U(slug)}/ramme" enctype="multipart/form-data">
        <p>Upload en redigeret målramme. Mål genkendes på nøgle, succeskriterier på mål, indikator, område og delgruppe; de beholder deres historik. Mål og succeskriterier, der mangler i filen, udfases.</p>
        <input type="hidden" name="etag" value="{version.ToString(CultureInfo.InvariantCulture)}">
        <label>JSON-fil <input type="file" name="file" accept=".json,application/json" required></label>
        {Buttons("Gem målrammen")}</form>
        """, $"<p class=\"muted\"><a href=\"/\">Planer</a> › <a href=\"/planer/{U(slug)}\">{E(slug)}</a></p>");
}
