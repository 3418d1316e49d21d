namespace Monitoring.Core.Chain;

/// <summary>
/// An activity (<c>aktivitet</c>) of a sub-agreement as it stood from <see cref="ValidFrom"/>, with
/// who reported that version. <see cref="Status"/> is one of <see cref="ActivityStatus"/>; the
/// process measures are codes of ordinary indicators (source "own registration").
/// </summary>
public sealed record Activity(
    long Id,
    long SubAgreementId,
    string Title,
    string? Description,
    string Partner,
    DateOnly Start,
    DateOnly End,
    string Status,
    IReadOnlyList<Milestone> Milestones,
    IReadOnlyList<BudgetYear> Budget,
    IReadOnlyList<string> IndicatorCodes,
    DateTimeOffset ValidFrom,
    string ChangedBy)
{
    public bool OnSchedule => ActivityStatus.OnSchedule(Status);

    public decimal PlannedTotal => Budget.Sum(b => b.Planned);

    public decimal SpentTotal => Budget.Sum(b => b.Spent);
}

/// <summary>A milestone with its due date; <see cref="Done"/> when it has been reached.</summary>
public sealed record Milestone(string Title, DateOnly Due, bool Done);

/// <summary>The money planned for and spent on an activity in one year (kroner).</summary>
public sealed record BudgetYear(int Year, decimal Planned, decimal Spent);
