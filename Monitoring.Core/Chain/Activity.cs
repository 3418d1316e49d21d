using System.Globalization;

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
    /// <summary>The reported status alone says on schedule; see <see cref="BehindAt"/> for the dates as well.</summary>
    public bool OnSchedule => ActivityStatus.OnSchedule(Status);

    /// <summary>
    /// Why the activity is behind on <paramref name="day"/>, in Danish, or nothing when it is on
    /// schedule: a delayed or stopped status, an end date passed while it is not finished, a milestone
    /// overdue. A "planned" activity past its end is behind whatever its owner last reported.
    /// </summary>
    public IReadOnlyList<string> BehindAt(DateOnly day)
    {
        var reasons = new List<string>();
        if (!ActivityStatus.OnSchedule(Status))
            reasons.Add(ActivityStatus.Label(Status));
        if (EndPassedAt(day))
            reasons.Add($"slutdatoen {End.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)} er passeret uden at den er afsluttet");
        reasons.AddRange(Milestones.Where(m => !m.Done && m.Due < day).OrderBy(m => m.Due)
            .Select(m => $"milepælen \"{m.Title}\" (frist {m.Due.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)}) er overskredet"));
        return reasons;
    }

    /// <summary>On schedule by its status and its dates on <paramref name="day"/>.</summary>
    public bool OnScheduleAt(DateOnly day) => BehindAt(day).Count == 0;

    /// <summary>The end date has passed while the activity is neither finished nor stopped.</summary>
    public bool EndPassedAt(DateOnly day) => End < day && Status is not (ActivityStatus.Finished or ActivityStatus.Stopped);

    public decimal PlannedTotal => Budget.Sum(b => b.Planned);

    public decimal SpentTotal => Budget.Sum(b => b.Spent);
}

/// <summary>A milestone with its due date; <see cref="Done"/> when it has been reached.</summary>
public sealed record Milestone(string Title, DateOnly Due, bool Done);

/// <summary>The money planned for and spent on an activity in one year (kroner).</summary>
public sealed record BudgetYear(int Year, decimal Planned, decimal Spent);
