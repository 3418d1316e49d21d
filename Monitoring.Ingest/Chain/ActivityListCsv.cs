using System.Globalization;
using CsvHelper;
using Monitoring.Core.Chain;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// Writes a plan's current activities as an activity list in the columns the upload reads
/// (<see cref="ActivityListColumns"/>), so a secretariat can download it, edit it in Excel and
/// upload it again: an unedited list changes nothing. Danish Excel's CSV — semicolons, decimal
/// commas, UTF-8 with a byte order mark (so Excel reads æøå) — and dates as yyyy-MM-dd. A cell that
/// Excel would run as a formula gets a leading apostrophe, which the reader takes off again.
/// </summary>
public static class ActivityListCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static void Write(Stream target, IReadOnlyList<SubAgreement> subAgreements)
    {
        var activities = subAgreements.SelectMany(s => s.Activities.Select(a => (SubAgreement: s, Activity: a))).ToList();
        var years = activities.SelectMany(a => a.Activity.Budget.Select(b => b.Year)).Distinct().Order().ToList();
        var milestones = activities.Count == 0 ? 0 : activities.Max(a => a.Activity.Milestones.Count);
        // A title shared by two sub-agreements would not say which one is meant: those are written by id.
        var sharedTitles = subAgreements.GroupBy(s => s.Title.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => g.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var header = new List<string>(ActivityListColumns.Fixed);
        foreach (var year in years)
        {
            header.Add(ActivityListColumns.Numbered(ActivityListColumns.Planned, year));
            header.Add(ActivityListColumns.Numbered(ActivityListColumns.Spent, year));
        }
        for (var n = 1; n <= milestones; n++)
        {
            header.Add(ActivityListColumns.Numbered(ActivityListColumns.MilestoneTitle, n));
            header.Add(ActivityListColumns.Numbered(ActivityListColumns.MilestoneDue, n));
            header.Add(ActivityListColumns.Numbered(ActivityListColumns.MilestoneDone, n));
        }

        using var writer = CsvWriter.Create(target, new CsvWriterOptions
        {
            Separator = ';',
            FormatProvider = Danish,
            WriteByteOrderMark = true,
            Injection = CsvInjection.Escape,
        }, leaveOpen: true);
        writer.WriteHeader([.. header]);
        foreach (var (subAgreement, activity) in activities)
        {
            var record = new List<string>
            {
                sharedTitles.Contains(subAgreement.Title.Trim()) ? subAgreement.Id.ToString(CultureInfo.InvariantCulture) : subAgreement.Title,
                activity.Title,
                activity.Description ?? "",
                activity.Partner,
                Date(activity.Start),
                Date(activity.End),
                ActivityStatus.Label(activity.Status),
                string.Join(" ", activity.IndicatorCodes),
            };
            foreach (var year in years)
            {
                var budget = activity.Budget.FirstOrDefault(b => b.Year == year);
                record.Add(budget is null ? "" : Amount(budget.Planned));
                record.Add(budget is null ? "" : Amount(budget.Spent));
            }
            for (var n = 0; n < milestones; n++)
            {
                var milestone = n < activity.Milestones.Count ? activity.Milestones[n] : null;
                record.Add(milestone?.Title ?? "");
                record.Add(milestone is null ? "" : Date(milestone.Due));
                record.Add(milestone is null ? "" : milestone.Done ? "ja" : "nej");
            }
            writer.WriteRecord([.. record]);
        }
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Amount(decimal amount) => amount.ToString("0.############", Danish);
}
