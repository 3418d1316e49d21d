using Monitoring.Core.Model;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// One activity as a row of the list gives it, checked for form (dates, status, amounts) but not yet
/// against the plan. A part the file has no column for is null (<see cref="Description"/> is null
/// and <see cref="HasDescription"/> false; <see cref="Indicators"/>, <see cref="Milestones"/> null):
/// the stored value is kept. <see cref="Budget"/> holds only the years the file has columns for.
/// </summary>
public sealed record ActivityListRow(
    int Row,
    string SubAgreement,
    string Title,
    bool HasDescription,
    string? Description,
    string Partner,
    DateOnly Start,
    DateOnly End,
    string Status,
    IReadOnlyList<string>? Indicators,
    IReadOnlyList<BudgetCell> Budget,
    IReadOnlyList<MilestoneCell>? Milestones);

/// <summary>A year's amounts as the row gives them; both null (empty cells) takes the year out of the budget.</summary>
public sealed record BudgetCell(int Year, decimal? Planned, decimal? Spent);

/// <summary>A milestone as the row gives it; <see cref="Done"/> is null when the file has no <c>nået</c> column for it.</summary>
public sealed record MilestoneCell(string Title, DateOnly Due, bool? Done);

/// <summary>
/// An activity list as read: its well-formed rows and how many rows were read in all (also when other rows have errors, so the plan's
/// checks can report on them too), every problem found by row and column, the format detected,
/// the file's header for each column (so later errors name the column as the file does) and the
/// headers that were not read.
/// </summary>
public sealed record ActivityListFile(
    IReadOnlyList<ActivityListRow> Rows,
    int RowsRead,
    IReadOnlyList<RowError> Errors,
    string Format,
    IReadOnlyDictionary<string, string> HeaderOf,
    IReadOnlyList<string> IgnoredColumns);
