using System.Globalization;
using Monitoring.Core.Chain;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>A new sub-agreement: the goals it serves by their keys (M1, M1.2), and its first activities.</summary>
public sealed record SubAgreementBody(
    string? Title, string? FocusArea, string? SteeringGroup, string? Period, IReadOnlyList<string>? Goals, IReadOnlyList<ActivityBody>? Activities);

/// <summary>
/// An activity as sent: dates as yyyy-MM-dd, status planlagt | i_gang | forsinket | afsluttet | stoppet,
/// budget years { year, planned, spent }, process measures as indicator codes. In a PATCH every field
/// is optional and a given one replaces the stored one (lists as a whole).
/// </summary>
public sealed record ActivityBody(
    string? Title, string? Description, string? Partner, string? Start, string? End, string? Status,
    IReadOnlyList<MilestoneBody>? Milestones, IReadOnlyList<BudgetYear>? Budget, IReadOnlyList<string>? Indicators);

public sealed record MilestoneBody(string? Title, string? Due, bool? Done);

/// <summary>Checks an activity body against the state it changes (none for a new one), naming each bad field by its JSON path.</summary>
public static class ActivityBodyCheck
{
    public static ActivityDraft? Check(ActivityBody body, ActivityDraft? current, string path, ISet<string> indicatorCodes, List<FieldError> errors)
    {
        var before = errors.Count;
        string Required(string? value, string? was, string field)
        {
            if (value is not null && string.IsNullOrWhiteSpace(value) || value is null && was is null)
                errors.Add(new FieldError(path + field, value, "Feltet skal udfyldes.", "The field is required."));
            return value?.Trim() ?? was ?? "";
        }
        DateOnly Date(string? value, DateOnly? was, string field)
        {
            if (value is null && was is { } kept)
                return kept;
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            errors.Add(new FieldError(path + field, value, "Ikke en dato (åååå-mm-dd).", "Not a date (yyyy-MM-dd)."));
            return default;
        }
        var title = Required(body.Title, current?.Title, "title");
        var partner = Required(body.Partner, current?.Partner, "partner");
        var start = Date(body.Start, current?.Start, "start");
        var end = Date(body.End, current?.End, "end");
        if (start > end)
            errors.Add(new FieldError(path + "end", body.End, "Slutdatoen ligger før startdatoen.", "The end is before the start."));
        var status = body.Status is null ? current?.Status ?? ActivityStatus.Planned : ActivityStatus.Normalise(body.Status);
        if (status is null)
            errors.Add(new FieldError(path + "status", body.Status, "Status skal være planlagt, i_gang, forsinket, afsluttet eller stoppet.", "Status must be planlagt, i_gang, forsinket, afsluttet or stoppet."));
        var milestones = new List<Milestone>();
        foreach (var (m, i) in (body.Milestones ?? []).Select((m, i) => (m, i)))
        {
            if (string.IsNullOrWhiteSpace(m.Title))
                errors.Add(new FieldError($"{path}milestones[{i}].title", m.Title, "Milepælen skal have en titel.", "A milestone needs a title."));
            milestones.Add(new Milestone(m.Title?.Trim() ?? "", Date(m.Due, null, $"milestones[{i}].due"), m.Done ?? false));
        }
        foreach (var (b, i) in (body.Budget ?? []).Select((b, i) => (b, i)))
        {
            if (b.Planned < 0 || b.Spent < 0)
                errors.Add(new FieldError($"{path}budget[{i}]", b.Year.ToString(CultureInfo.InvariantCulture), "Beløb kan ikke være negative.", "Amounts cannot be negative."));
        }
        if (body.Budget is { } budget && budget.GroupBy(b => b.Year).Any(g => g.Count() > 1))
            errors.Add(new FieldError(path + "budget", null, "Hvert år må kun stå én gang i budgettet.", "Each year may appear once in the budget."));
        foreach (var code in body.Indicators ?? [])
        {
            if (!indicatorCodes.Contains(code))
                errors.Add(new FieldError(path + "indicators", code, "Indikatoren findes ikke.", "There is no such indicator."));
        }
        if (errors.Count > before)
            return null;
        return new ActivityDraft(
            title, body.Description is null ? current?.Description : NullIfBlank(body.Description), partner, start, end, status!,
            body.Milestones is null ? current?.Milestones ?? [] : milestones,
            body.Budget?.OrderBy(b => b.Year).ToList() ?? current?.Budget ?? [],
            body.Indicators?.ToList() ?? current?.IndicatorCodes ?? []);
    }

    private static string? NullIfBlank(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
