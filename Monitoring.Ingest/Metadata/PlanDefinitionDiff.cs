using System.Text.Json.Nodes;

namespace Monitoring.Ingest.Metadata;

/// <summary>One change to the goal framework: what (entity and key), how, and its state before and after as JSON.</summary>
public sealed record FrameworkChange(string Entity, string Key, string Action, JsonNode? Before, JsonNode? After);

/// <summary>An entity of the framework as it stands, keyed so the same entity is found before and after an edit.</summary>
public sealed record FrameworkEntity(string Entity, string Key, JsonObject State);

/// <summary>
/// The difference between two states of a framework: an entity only after is added, only before
/// is retired (current reads no longer show it), in both but unequal is changed. Both states are
/// read from the database inside the edit's transaction, so the diff is what was (or, on a dry
/// run, would be) written, not what the request hoped for.
/// </summary>
public static class PlanDefinitionDiff
{
    public const string Added = "added";
    public const string Changed = "changed";
    public const string Retired = "retired";
    public const string Deleted = "deleted";

    public static IReadOnlyList<FrameworkChange> Compare(IEnumerable<FrameworkEntity> before, IEnumerable<FrameworkEntity> after)
    {
        var old = before.ToDictionary(e => (e.Entity, e.Key));
        var now = after.ToDictionary(e => (e.Entity, e.Key));
        var changes = new List<FrameworkChange>();
        foreach (var (id, entity) in now)
        {
            if (!old.TryGetValue(id, out var previous))
                changes.Add(new(entity.Entity, entity.Key, Added, null, entity.State));
            else if (!JsonNode.DeepEquals(previous.State, entity.State))
                changes.Add(new(entity.Entity, entity.Key, Changed, previous.State, entity.State));
        }
        foreach (var (id, entity) in old)
        {
            if (!now.ContainsKey(id))
                changes.Add(new(entity.Entity, entity.Key, Retired, entity.State, null));
        }
        return changes.OrderBy(c => Rank(c.Entity)).ThenBy(c => c.Key, StringComparer.Ordinal).ToList();
    }

    private static int Rank(string entity) => entity switch
    {
        "plan" => 0,
        "goal" => 1,
        "target" => 2,
        _ => 3,
    };
}
