using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Primitives;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>What the framework edit pages share: the diff table, Danish field messages, and reading form fields into a patch.</summary>
public static class FrameworkHtml
{
    public static string EntityDa(string entity) => entity switch
    {
        "plan" => "Plan",
        "goal" => "Mål",
        "target" => "Succeskriterium",
        "indicator" => "Indikator",
        "area" => "Område",
        _ => entity,
    };

    public static string ActionDa(string action) => action switch
    {
        PlanDefinitionDiff.Added => "tilføjet",
        PlanDefinitionDiff.Changed => "ændret",
        PlanDefinitionDiff.Retired => "udfaset",
        PlanDefinitionDiff.Deleted => "slettet",
        _ => action,
    };

    /// <summary>The API's field names as the secretariat knows them; unknown ones as they are.</summary>
    public static string FieldDa(string field) => field switch
    {
        "id" => "Id",
        "key" => "Nøgle",
        "parent" => "Overordnet mål",
        "goal" => "Mål",
        "title" => "Titel",
        "description" => "Beskrivelse",
        "focusArea" => "Indsatsområde",
        "owningBody" => "Ejer",
        "name" => "Navn",
        "nameEn" => "Navn på engelsk",
        "definition" => "Definition",
        "decimals" => "Decimaler",
        "influenceable" => "Kan påvirkes",
        "municipalityCode" => "Kommune",
        "fundingPeriod" => "Bevillingsperiode",
        "status" => "Status",
        "areas" => "Boligområder",
        "indicator" => "Indikator",
        "scope" => "Område",
        "subgroup" => "Delgruppe",
        "baselinePeriod" => "Baseline-periode",
        "baselineValue" => "Baseline-værdi",
        "targetPeriod" => "Målperiode",
        "targetValue" => "Målværdi",
        "tolerance" => "Tolerance",
        "weight" => "Vægt",
        "benchmarkScope" => "Sammenligningsområde",
        "milestones" => "Delmål undervejs",
        _ => field,
    };

    /// <summary>The changes as a table: per entity, the fields that differ with their value before and after.</summary>
    public static string Diff(IReadOnlyList<FrameworkChange> changes, string title)
    {
        var html = new StringBuilder().Append(Danish, $"<section class=\"card\" id=\"aendringer\"><h2>{E(title)}</h2>");
        if (changes.Count == 0)
            return html.Append("<p>Ingen ændringer.</p></section>").ToString();
        html.Append("<table><tr><th>Hvad</th><th>Handling</th><th>Felt</th><th>Før</th><th>Efter</th></tr>");
        foreach (var change in changes)
            AppendChange(html, EntityDa(change.Entity) + " " + change.Key, change.Action, change.Before, change.After);
        return html.Append("</table></section>").ToString();
    }

    /// <summary>One change as table rows, a field to a row; <paramref name="lead"/> are cells (already HTML) put before the first row only.</summary>
    public static void AppendChange(StringBuilder html, string what, string action, JsonNode? before, JsonNode? after, params string[] lead)
    {
        var first = true;
        string Lead()
        {
            var cells = string.Concat(lead.Select(l => $"<td>{(first ? l : "")}</td>"));
            return cells + $"<td>{(first ? E(what) : "")}</td><td>{(first ? E(ActionDa(action)) : "")}</td>";
        }
        foreach (var (field, old, now) in Fields(before, after))
        {
            html.Append(Danish, $"<tr>{Lead()}<td>{E(FieldDa(field))}</td><td>{E(old)}</td><td>{E(now)}</td></tr>");
            first = false;
        }
        if (first)
            html.Append(Danish, $"<tr>{Lead()}<td></td><td></td><td></td></tr>");
    }

    /// <summary>A change field by field in Danish (field name, before, after), for pages that lay out their own table.</summary>
    public static IReadOnlyList<(string Field, string Before, string After)> FieldRows(JsonNode? before, JsonNode? after) =>
        Fields(before, after).Select(f => (FieldDa(f.Field), f.Before, f.After)).ToList();

    /// <summary>
    /// The same rows for a board member: codes named by <paramref name="words"/> (indicator, area,
    /// municipality, subgroup), numbers in Danish format, yes/no in Danish, empty lists as "–".
    /// </summary>
    public static IReadOnlyList<(string Field, string Before, string After)> FieldRows(JsonNode? before, JsonNode? after, BoardWords words)
    {
        ArgumentNullException.ThrowIfNull(words);
        string Named(string field, JsonNode? node) => node switch
        {
            null => "–",
            JsonArray { Count: 0 } => "–",
            JsonArray items => string.Join(", ", items.Select(i => Named(field, i))),
            JsonValue value when value.TryGetValue<bool>(out var yes) => yes ? "ja" : "nej",
            JsonValue value when value.TryGetValue<double>(out var number) => Monitoring.Core.Evaluation.ValueFormat.Number(number, 6, Danish).TrimEnd('0').TrimEnd(','),
            JsonValue value when value.TryGetValue<string>(out var text) => field switch
            {
                "indicator" => words.IndicatorName(text),
                "scope" or "benchmarkScope" or "areas" => words.AreaName(text),
                "municipalityCode" => words.MunicipalityName(text),
                "subgroup" => text.Length == 0 ? "–" : words.SubgroupName(text),
                _ => text,
            },
            _ => node.ToJsonString(),
        };
        var names = (before as JsonObject ?? []).Select(p => p.Key).Concat((after as JsonObject ?? []).Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        return names
            .Where(name => before is null || after is null || !JsonNode.DeepEquals(before[name], after[name]))
            .Select(name => (FieldDa(name), Named(name, before?[name]), Named(name, after?[name])))
            .ToList();
    }

    /// <summary>Field by field; for an added or retired entity every field, for a changed one only those that differ.</summary>
    private static IEnumerable<(string Field, string Before, string After)> Fields(JsonNode? before, JsonNode? after)
    {
        var names = (before as JsonObject ?? []).Select(p => p.Key).Concat((after as JsonObject ?? []).Select(p => p.Key)).Distinct(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var old = before?[name];
            var now = after?[name];
            if (before is not null && after is not null && JsonNode.DeepEquals(old, now))
                continue;
            yield return (name, Show(old), Show(now));
        }
    }

    private static string Show(JsonNode? node) => node switch
    {
        null => "–",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    /// <summary>A labelled input with its validation message beside it.</summary>
    public static string Field(string label, string name, string? value, IReadOnlyDictionary<string, string> errors, string type = "text", bool required = false)
    {
        var error = errors.TryGetValue(name, out var message) ? $" <span class=\"error\" id=\"fejl-{E(name)}\">{E(message)}</span>" : "";
        var input = type == "textarea"
            ? $"<textarea name=\"{E(name)}\" rows=\"3\" cols=\"60\">{E(value)}</textarea>"
            : $"<input name=\"{E(name)}\" type=\"{type}\" value=\"{E(value)}\"{(required ? " required" : "")}>";
        return $"<label>{E(label)} {input}{error}</label>";
    }

    public static string? Text(StringValues value) => string.IsNullOrWhiteSpace(value.ToString()) ? null : value.ToString().Trim();

    /// <summary>A number as a Danish reader types it (38,5) or as the API writes it (38.5); empty is null.</summary>
    public static JsonNode? Number(string field, StringValues value, Dictionary<string, string> errors)
    {
        var text = Text(value);
        if (text is null)
            return null;
        if (double.TryParse(text.Replace(',', '.'), NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number))
            return JsonValue.Create(number);
        errors[field] = "Skriv et tal, fx 38,5.";
        return null;
    }

    public static string Buttons(string saveLabel) =>
        $"<p><button name=\"handling\" value=\"vis\">Vis ændringer</button> <button name=\"handling\" value=\"gem\">{E(saveLabel)}</button></p>";


    /// <summary>What a refused or failed edit says to the secretariat, and the field messages to show.</summary>
    public static (string? Message, Dictionary<string, string> Errors) Outcome(EditResult result)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var error in result.Errors ?? [])
            errors.TryAdd(error.Field, error.Message);
        var message = result.Status switch
        {
            EditStatus.Stale => "Nogen har ændret dette, siden siden blev åbnet. Formularen viser nu det gemte; ret igen og gem.",
            EditStatus.NotFound => "Findes ikke længere.",
            EditStatus.Invalid => "Ikke gemt: ret felterne markeret med rødt.",
            EditStatus.Blocked => result.Blocker,
            _ => null,
        };
        return (message, errors);
    }
}
