using System.Text.Json;
using System.Text.Json.Serialization;

namespace Monitoring.Ingest.Metadata;

/// <summary>The JSON conventions of metadata files and the API: camelCase names and enum values.</summary>
public static class MetadataJson
{
    public static readonly JsonSerializerOptions Options = Configure(new JsonSerializerOptions(JsonSerializerDefaults.Web));

    public static JsonSerializerOptions Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.PropertyNameCaseInsensitive = true;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new PeriodJsonConverter());
        // NaN or infinity never reaches a board; a statistic that cannot be computed is null instead.
        options.NumberHandling = JsonNumberHandling.Strict;
        options.ReadCommentHandling = JsonCommentHandling.Skip;
        options.AllowTrailingCommas = true;
        return options;
    }
}
