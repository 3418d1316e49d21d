using System.Text.Json;
using System.Text.Json.Serialization;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Metadata;

/// <summary>Periods travel as their canonical text (<c>2023Q2</c>), never as objects.</summary>
public sealed class PeriodJsonConverter : JsonConverter<Period>
{
    public override Period Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Period.TryParse(reader.GetString(), out var period)
            ? period
            : throw new JsonException($"'{reader.GetString()}' is not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05.");

    public override void Write(Utf8JsonWriter writer, Period value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());
}
