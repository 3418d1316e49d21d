namespace Monitoring.Api.Dashboard;

/// <summary>
/// The outcomes of the indicator page's comment form, passed back to the page as a short code in
/// the URL. The page shows only the fixed sentence of a known code, never text taken from the URL.
/// </summary>
public static class CommentNote
{
    public const string Saved = "saved";
    public const string NoKey = "no-key";
    public const string BadPeriod = "bad-period";
    public const string Missing = "missing";
    public const string BadKind = "bad-kind";
    public const string DecisionNeedsType = "decision-needs-type";
    public const string NoteHasType = "note-has-type";
    public const string NoPlan = "no-plan";

    private static readonly Dictionary<string, string> Sentences = new(StringComparer.Ordinal)
    {
        [Saved] = "Kommentaren er gemt.",
        [NoKey] = "Kommentaren blev ikke gemt: du er ikke logget ind med en rolle, der må skrive.",
        [BadPeriod] = "Kommentaren blev ikke gemt: perioden kunne ikke læses (skriv fx 2024 eller 2024K2).",
        [Missing] = "Kommentaren blev ikke gemt: forfatter og tekst skal udfyldes.",
        [BadKind] = "Kommentaren blev ikke gemt: brug slags note eller sag og sagstype strategisk, samarbejde eller prioritering.",
        [DecisionNeedsType] = "Kommentaren blev ikke gemt: en sag til bestyrelsen skal have en sagstype (strategisk, samarbejde eller prioritering).",
        [NoteHasType] = "Kommentaren blev ikke gemt: en note har ingen sagstype.",
        [NoPlan] = "Kommentaren blev ikke gemt: planen findes ikke.",
    };

    /// <summary>The sentence for a known code; null for anything else, which the page then ignores.</summary>
    public static string? Text(string? code) => code is not null && Sentences.TryGetValue(code, out var text) ? text : null;

    /// <summary>The code for the comment kind check's refusal (its own text may quote what was typed).</summary>
    public static string ForKindError(string? kind, string? decisionType)
    {
        var hasType = !string.IsNullOrWhiteSpace(decisionType);
        var k = kind?.Trim().ToLowerInvariant();
        return (k, hasType) switch
        {
            ("decision", false) => DecisionNeedsType,
            ("note", true) when Core.Model.CommentKinds.Normalise("decision", decisionType).Error is null => NoteHasType,
            _ => BadKind,
        };
    }
}
