using System.Text.Json.Nodes;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// Describes the parameters the API shares by name (slug, asOf, dialect, cursor, limit, …) from one
/// dictionary, with an example where one helps; <c>id</c> and <c>code</c> are worded after the route
/// segment before them (<c>/keys/{id}</c>: the key's id). A parameter that already has a description keeps it.
/// </summary>
public sealed class ParameterDescriptionsOperationFilter : IOperationFilter
{
    /// <summary>One parameter's description and, where useful, an example value.</summary>
    public sealed record Text(string Description, string? Example = null);

    /// <summary>The parameters every route means the same by.</summary>
    public static readonly IReadOnlyDictionary<string, Text> Common = new Dictionary<string, Text>(StringComparer.Ordinal)
    {
        ["slug"] = new("The plan's slug (its short name in URLs).", "oesterby-nord"),
        ["asOf"] = new("Evaluate or show as of this period: 2024, 2024H1, 2024Q2 (or 2024K2) or 2024-06; the chain of steering's routes take a date (2025-06-30) or an ISO timestamp instead. Default: now.", "2024Q4"),
        ["asOfBatch"] = new("Show the observations as they stood after this import batch (its id), leaving later imports and corrections out.", "12"),
        ["dialect"] = new("CSV dialect: leave out for international CSV (comma, decimal point, English headers); 'da' for Danish Excel (semicolon, decimal comma, Danish headers and words).", "da"),
        ["cursor"] = new("Opaque cursor from the previous page's Link header (rel=next); leave out for the first page.", null),
        ["limit"] = new("Rows per page (JSON) or at most this many rows (CSV); the allowed range is given in the 400 answer when it is exceeded.", "100"),
        ["before"] = new("Show entries older than this audit entry id (paging backwards); leave out for the newest.", null),
        ["indicator"] = new("Indicator code.", "FRAFLYTNING"),
        ["area"] = new("Area or benchmark scope code.", "0901-SOLHAVEN"),
        ["subgroup"] = new("Subgroup as dimension:value (see /api/v1/dimensions); leave out for the whole population ('total').", "koen:kvinde"),
        ["from"] = new("First period to include: 2020, 2020H1, 2020Q1 (or 2020K1) or 2020-01.", "2020"),
        ["to"] = new("Last period to include: 2024, 2024H2, 2024Q4 (or 2024K4) or 2024-12.", "2024"),
        ["benchmark"] = new("Benchmark scope code to draw beside the area (e.g. a municipality or all deprived areas).", null),
        ["format"] = new("Image format: svg or png.", "svg"),
        ["variant"] = new("Leave out for the full chart; 'sparkline' for a small chart without axes.", "sparkline"),
        ["width"] = new("Width in pixels, one of 160, 240, 320, 480, 640, 800, 900, 1024, 1200, 1600, 2400 (default 800; sparkline 160).", "800"),
        ["height"] = new("Height in pixels, one of 40, 60, 80, 120, 160, 200, 240, 300, 320, 400, 480, 600, 800, 1200, 1600 (default 400; sparkline 40).", "400"),
        ["wave"] = new("Survey wave, as a period (e.g. 2023 or 2023H1); default: the latest.", "2023"),
        ["dryRun"] = new("true: check and report what would change, store nothing.", "true"),
        ["encoding"] = new("Text encoding of a CSV file (e.g. utf-8, windows-1252); default: detected.", "windows-1252"),
        ["layout"] = new("File layout: long, wide-periods or wide-indicators; default: detected.", "long"),
        ["sheet"] = new("Name of the sheet to read in an .xlsx/.xls workbook; default: the first.", null),
        ["nextMeeting"] = new("Date of the next board meeting, printed on the brief (yyyy-MM-dd).", "2026-03-12"),
        ["date"] = new("List date as yyyy-MM-dd; default today (the newest list in force then).", "2024-12-01"),
        ["category"] = new("Keep only the areas on this list category (e.g. parallelsamfund).", "parallelsamfund"),
        ["lists"] = new("How many coming lists to project, 1 to 10.", "3"),
        ["key"] = new("The proposal's key, as listed by GET /plans/{slug}/proposals.", null),
        ["alias"] = new("The column heading (alias) as it appears in import files.", null),
    };

    /// <summary>What an <c>id</c>, <c>code</c> or <c>name</c> identifies, after the route segment before it.</summary>
    private static readonly Dictionary<string, string> Nouns = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["keys"] = "The API key's id.",
        ["sign-in-links"] = "The sign-in link's id (from its creation's Location).",
        ["activities"] = "The activity's id.",
        ["targets"] = "The target's id.",
        ["goals"] = "The goal's id.",
        ["imports"] = "The import batch's id.",
        ["uploads"] = "The upload's id (from a 202 answer of POST /api/v1/imports).",
        ["jobs"] = "The job's id (see GET /api/v1/jobs).",
        ["briefs"] = "The stored brief's id.",
        ["areas"] = "The area or benchmark scope code.",
        ["indicators"] = "The indicator code.",
        ["dimensions"] = "The subgroup dimension's code.",
        ["surveys"] = "The survey's code.",
        ["extracts"] = "The extract: observations-long, observations-wide, target-evaluations or goal-status.",
        ["problems"] = "The problem type's name (the last segment of its type URI), e.g. not-found.",
        ["snapshots"] = "A date as yyyy-MM-dd; the latest snapshot on or before it is answered (GET /plans/{slug}/snapshots lists them).",
    };

    private static readonly Dictionary<string, string> Examples = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["areas"] = "0901-SOLHAVEN",
        ["indicators"] = "FRAFLYTNING",
        ["dimensions"] = "koen",
        ["extracts"] = "observations-long",
        ["problems"] = "not-found",
        ["snapshots"] = "2024-12-31",
    };

    public void Apply(OpenApiOperation operation, OperationFilterContext context)
    {
        if (operation.Parameters is null)
            return;
        var segments = (context.ApiDescription.RelativePath ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>())
        {
            if (!string.IsNullOrEmpty(parameter.Description) || parameter.Name is null)
                continue;
            var text = Describe(parameter, segments);
            if (text is null)
                continue;
            parameter.Description = text.Description;
            if (text.Example is not null)
                parameter.Example = Example(parameter, text.Example);
        }
    }

    private static Text? Describe(OpenApiParameter parameter, string[] segments)
    {
        if (parameter.In == ParameterLocation.Path && parameter.Name is "id" or "code" or "name" or "asOf")
        {
            var index = Array.FindIndex(segments, s => s.Contains("{" + parameter.Name, StringComparison.Ordinal));
            var before = index > 0 ? segments[index - 1] : null;
            if (before is not null && Nouns.TryGetValue(before, out var noun))
                return new Text(noun, Examples.GetValueOrDefault(before));
        }
        return Common.GetValueOrDefault(parameter.Name!);
    }

    /// <summary>The example as the parameter's schema types it (a number stays a number).</summary>
    private static JsonValue Example(OpenApiParameter parameter, string example)
    {
        var type = parameter.Schema?.Type ?? JsonSchemaType.String;
        if (type.HasFlag(JsonSchemaType.Integer) && long.TryParse(example, out var number))
            return JsonValue.Create(number);
        if (type.HasFlag(JsonSchemaType.Boolean) && bool.TryParse(example, out var flag))
            return JsonValue.Create(flag);
        return JsonValue.Create(example);
    }
}
