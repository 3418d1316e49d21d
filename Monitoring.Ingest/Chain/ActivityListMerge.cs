using Monitoring.Core.Chain;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// An activity's new state from a row of the list and what is stored: what the row gives replaces,
/// what the file has no column for is kept. Budget years the file has columns for replace those
/// years (both cells empty takes the year out); other stored years stay. A milestone's "done" comes
/// from the file when it has a <c>nået</c> column, else from the stored milestone of the same title and due date.
/// </summary>
public static class ActivityListMerge
{
    public static ActivityDraft Draft(ActivityListRow row, ActivityDraft? current, IReadOnlyList<string>? indicatorCodes)
    {
        var budget = (current?.Budget ?? []).ToDictionary(b => b.Year);
        foreach (var cell in row.Budget)
        {
            if (cell.Planned is null && cell.Spent is null)
                budget.Remove(cell.Year);
            else
                budget[cell.Year] = new BudgetYear(cell.Year, cell.Planned ?? 0, cell.Spent ?? 0);
        }
        var milestones = row.Milestones?.Select(m => new Milestone(m.Title, m.Due, m.Done
                ?? current?.Milestones.FirstOrDefault(c => c.Due == m.Due && string.Equals(c.Title, m.Title, StringComparison.OrdinalIgnoreCase))?.Done
                ?? false))
            .ToList();
        return new ActivityDraft(
            row.Title.Trim(),
            row.HasDescription ? row.Description : current?.Description,
            row.Partner.Trim(),
            row.Start,
            row.End,
            row.Status,
            milestones ?? current?.Milestones ?? [],
            budget.Values.OrderBy(b => b.Year).ToList(),
            indicatorCodes ?? current?.IndicatorCodes ?? []);
    }

    /// <summary>Whether two states are the same activity state, lists compared item by item (so an unchanged row adds no version).</summary>
    public static bool Same(ActivityDraft a, ActivityDraft b) =>
        string.Equals(a.Title, b.Title, StringComparison.Ordinal)
        && string.Equals(a.Description ?? "", b.Description ?? "", StringComparison.Ordinal)
        && string.Equals(a.Partner, b.Partner, StringComparison.Ordinal)
        && a.Start == b.Start
        && a.End == b.End
        && string.Equals(a.Status, b.Status, StringComparison.Ordinal)
        && a.Milestones.SequenceEqual(b.Milestones)
        && a.Budget.OrderBy(x => x.Year).SequenceEqual(b.Budget.OrderBy(x => x.Year))
        && a.IndicatorCodes.SequenceEqual(b.IndicatorCodes);
}
