namespace Monitoring.Core.Model;

/// <summary>
/// The stored words for a comment's kind and a decision's type (sql/*/V0008). The decision types
/// are the handbook's three kinds of matter that need the board: strategic, cooperation, priority.
/// They are kept as the Danish words the secretariat writes, because the board reads them as such.
/// </summary>
public static class CommentKinds
{
    public const string Note = "note";
    public const string Decision = "decision";

    public static readonly IReadOnlyList<string> Kinds = [Note, Decision];

    public static readonly IReadOnlyList<string> DecisionTypes = ["strategisk", "samarbejde", "prioritering"];

    /// <summary>How the brief and the pages name a decision type to the board.</summary>
    public static string DecisionTypeLabel(string? type) => type switch
    {
        "strategisk" => "Strategisk spørgsmål",
        "samarbejde" => "Samarbejdsspørgsmål",
        "prioritering" => "Prioriteringsspørgsmål",
        _ => "Spørgsmål",
    };

    /// <summary>
    /// Normalises a kind and decision type as given by a form or the API; an error text (Danish,
    /// English) when they do not fit together. A missing kind is a note, or a decision when a type is given.
    /// </summary>
    public static (string Kind, string? DecisionType, (string Da, string En)? Error) Normalise(string? kind, string? decisionType)
    {
        var type = string.IsNullOrWhiteSpace(decisionType) ? null : decisionType.Trim().ToLowerInvariant();
        var k = string.IsNullOrWhiteSpace(kind) ? (type is null ? Note : Decision) : kind.Trim().ToLowerInvariant();
        if (!Kinds.Contains(k))
            return (k, type, ($"Typen '{kind}' findes ikke; brug note eller decision.", $"Kind '{kind}' is not known; use note or decision."));
        if (type is not null && !DecisionTypes.Contains(type))
        {
            return (k, type, ($"Sagstypen '{decisionType}' findes ikke; brug strategisk, samarbejde eller prioritering.",
                $"Decision type '{decisionType}' is not known; use strategisk, samarbejde or prioritering."));
        }
        if (k == Decision && type is null)
        {
            return (k, type, ("En sag til bestyrelsen skal have en sagstype: strategisk, samarbejde eller prioritering.",
                "A decision needs a decisionType: strategisk, samarbejde or prioritering."));
        }
        if (k == Note && type is not null)
            return (k, type, ("En note har ingen sagstype.", "A note has no decisionType; use kind decision."));
        return (k, type, null);
    }
}
