using Monitoring.Core.Periods;

namespace Monitoring.Core.Model;

/// <summary>Qualitative context from a named author, attached to a plan, goal or indicator, optionally a period.</summary>
public sealed record Comment(
    long Id,
    string PlanSlug,
    long? GoalId,
    string? IndicatorCode,
    Period? Period,
    string Author,
    string Text,
    DateTimeOffset CreatedAt);
