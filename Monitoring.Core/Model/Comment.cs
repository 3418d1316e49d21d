using Monitoring.Core.Periods;

namespace Monitoring.Core.Model;

/// <summary>
/// Qualitative context from a named author, attached to a plan, goal or indicator, optionally a period.
/// <see cref="Kind"/> is <c>note</c> or <c>decision</c> (a matter the board is asked to decide);
/// a decision carries its <see cref="DecisionType"/> (see <see cref="CommentKinds"/>).
/// </summary>
public sealed record Comment(
    long Id,
    string PlanSlug,
    long? GoalId,
    string? IndicatorCode,
    Period? Period,
    string Author,
    string Text,
    DateTimeOffset CreatedAt,
    string Kind,
    string? DecisionType)
{
    public bool IsDecision => Kind == CommentKinds.Decision;
}
