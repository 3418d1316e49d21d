using System.Text.Json.Nodes;

namespace Monitoring.Ingest.Metadata;

/// <summary>JSON merge patch (RFC 7396): objects merge member by member, null removes, anything else replaces.</summary>
public static class MergePatch
{
    public static JsonNode? Apply(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
            return patch?.DeepClone();
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Apply(result[name], value);
        }
        return result;
    }

    /// <summary>
    /// The first member of <paramref name="patch"/> that may not be patched: a code or key that
    /// identifies the row (immutable) or a name the resource does not have.
    /// </summary>
    public static FieldError? FirstRefused(JsonObject patch, IReadOnlySet<string> editable, IReadOnlySet<string> immutable)
    {
        foreach (var (name, value) in patch)
        {
            if (immutable.Contains(name))
                return new(name, value?.ToJsonString(),
                    $"'{name}' identificerer rækken og kan ikke ændres; udfas den og tilføj en ny i stedet.",
                    $"'{name}' identifies the row and cannot be changed; retire it and add a new one instead.");
            if (!editable.Contains(name))
                return new(name, value?.ToJsonString(),
                    $"'{name}' kan ikke redigeres her; felter der kan redigeres: {string.Join(", ", editable.Order(StringComparer.Ordinal))}.",
                    $"'{name}' cannot be edited here; editable fields: {string.Join(", ", editable.Order(StringComparer.Ordinal))}.");
        }
        return null;
    }
}
