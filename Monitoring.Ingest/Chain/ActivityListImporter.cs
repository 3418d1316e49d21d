using System.Globalization;
using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// Uploads an activity list (one row per activity, <see cref="ActivityListColumns"/>) into a plan's
/// sub-agreements: a row whose title matches an activity of its sub-agreement (ignoring case) is a
/// change, any other a new activity. Only a row that differs from the stored activity adds a version
/// (with the caller and the moment, so the old one stays in the history); an unchanged row is
/// counted, not versioned. Atomic: a list with any error writes nothing and reports every error by
/// row and column; a dry run checks and reports without writing.
/// </summary>
public sealed class ActivityListImporter(PlanStore plans, ChainStore chain, IndicatorStore indicators)
{
    /// <summary>
    /// Imports <paramref name="request"/> (its <see cref="ImportRequest.RequestedBy"/> is recorded as who
    /// changed each activity; <see cref="ImportRequest.DryRun"/> writes nothing) into the plan; null when
    /// there is no such plan.
    /// </summary>
    public async Task<ActivityListReport?> ImportAsync(string planSlug, ImportRequest request, CancellationToken cancellationToken = default)
    {
        if (await plans.FindAsync(planSlug, cancellationToken) is null)
            return null;
        ActivityListFile file;
        await using (var content = request.OpenContent())
            file = ActivityListReader.Read(content, request.Options);
        if (file.Rows.Count == 0 && file.Errors.Count > 0)
            return Rejected(request, file, file.Errors);

        var subAgreements = await chain.ForPlanAsync(planSlug, null, cancellationToken);
        var codes = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.Code, StringComparer.OrdinalIgnoreCase);
        var plan = new Plan(subAgreements, codes, file.HeaderOf);
        foreach (var row in file.Rows)
            plan.Add(row);
        if (file.Errors.Count + plan.Errors.Count > 0)
            return Rejected(request, file, [.. file.Errors, .. plan.Errors]);

        var created = plan.Outcomes.Where(o => o.Outcome.Outcome == ActivityListOutcome.Created).ToList();
        var changed = plan.Outcomes.Where(o => o.Outcome.Outcome == ActivityListOutcome.Changed).ToList();
        var outcomes = plan.Outcomes.Select(o => o.Outcome).ToList();
        if (!request.DryRun && created.Count + changed.Count > 0)
        {
            var ids = await chain.SaveActivityListAsync(
                created.Select(o => (o.Outcome.SubAgreementId, o.Draft)).ToList(),
                changed.Select(o => (o.Outcome.ActivityId!.Value, o.Draft)).ToList(),
                request.RequestedBy, cancellationToken);
            var next = 0;
            outcomes = outcomes.Select(o => o.Outcome == ActivityListOutcome.Created ? o with { ActivityId = ids[next++] } : o).ToList();
        }
        return new ActivityListReport(request.DryRun ? ImportStatus.DryRun : ImportStatus.Committed, request.FileName, file.Format,
            file.Rows.Count, created.Count, changed.Count, outcomes.Count - created.Count - changed.Count, outcomes, [], file.IgnoredColumns);
    }

    private static ActivityListReport Rejected(ImportRequest request, ActivityListFile file, IReadOnlyList<RowError> errors) =>
        new(ImportStatus.Rejected, request.FileName, file.Format, file.RowsRead, 0, 0, 0, [],
            errors.OrderBy(e => e.Row).ToList(), file.IgnoredColumns);

    /// <summary>The rows checked against the plan's sub-agreements and their current activities, row by row.</summary>
    private sealed class Plan(IReadOnlyList<SubAgreement> subAgreements, IReadOnlyDictionary<string, string> indicatorCodes, IReadOnlyDictionary<string, string> headerOf)
    {
        private readonly Dictionary<(long, string), int> _seen = [];

        public List<RowError> Errors { get; } = [];

        public List<(ActivityListOutcome Outcome, ActivityDraft Draft)> Outcomes { get; } = [];

        public void Add(ActivityListRow row)
        {
            var before = Errors.Count;
            var subAgreement = SubAgreementOf(row);
            var codes = IndicatorCodes(row);
            if (subAgreement is null || Errors.Count > before)
                return;
            var key = (subAgreement.Id, row.Title.Trim().ToLowerInvariant());
            if (_seen.TryGetValue(key, out var first))
            {
                Error(row.Row, ActivityListColumns.Title, row.Title,
                    $"Aktiviteten står allerede i række {first} under samme delaftale.", $"The activity is already listed in row {first} under the same sub-agreement.");
                return;
            }
            _seen[key] = row.Row;
            var matches = subAgreement.Activities.Where(a => string.Equals(a.Title.Trim(), row.Title.Trim(), StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count > 1)
            {
                Error(row.Row, ActivityListColumns.Title, row.Title,
                    $"Delaftalen har {matches.Count} aktiviteter med denne titel; ret dem over API'et eller i formularen.",
                    $"The sub-agreement has {matches.Count} activities with this title; change them over the API or in the form.");
                return;
            }
            var current = matches.SingleOrDefault();
            var draft = ActivityListMerge.Draft(row, current is null ? null : ActivityDraft.Of(current), codes);
            var outcome = current is null ? ActivityListOutcome.Created
                : ActivityListMerge.Same(draft, ActivityDraft.Of(current)) ? ActivityListOutcome.Unchanged
                : ActivityListOutcome.Changed;
            Outcomes.Add((new ActivityListOutcome(row.Row, subAgreement.Id, subAgreement.Title, draft.Title, outcome, current?.Id), draft));
        }

        /// <summary>The sub-agreement a row names by id or by title; null (with an error) when it names none, or several.</summary>
        private SubAgreement? SubAgreementOf(ActivityListRow row)
        {
            var text = row.SubAgreement.Trim();
            if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && subAgreements.FirstOrDefault(s => s.Id == id) is { } byId)
                return byId;
            var named = subAgreements.Where(s => string.Equals(s.Title.Trim(), text, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1)
                return named[0];
            if (named.Count > 1)
            {
                Error(row.Row, ActivityListColumns.SubAgreement, text,
                    $"Flere delaftaler hedder '{RuleText.Echo(text)}'; skriv delaftalens id.",
                    $"Several sub-agreements are named '{RuleText.Echo(text)}'; write the sub-agreement's id.");
                return null;
            }
            var nearest = EditDistance.Nearest(text, subAgreements.Select(s => s.Title));
            Error(row.Row, ActivityListColumns.SubAgreement, text,
                $"Planen har ingen delaftale '{RuleText.Echo(text)}'" + (nearest is null ? "." : $"; mente du '{nearest}'?"),
                $"The plan has no sub-agreement '{RuleText.Echo(text)}'" + (nearest is null ? "." : $"; did you mean '{nearest}'?"));
            return null;
        }

        /// <summary>The row's indicator codes as the catalogue spells them; null when the file has no such column.</summary>
        private List<string>? IndicatorCodes(ActivityListRow row)
        {
            if (row.Indicators is null)
                return null;
            var codes = new List<string>();
            foreach (var code in row.Indicators)
            {
                if (indicatorCodes.TryGetValue(code, out var known))
                    codes.Add(known);
                else
                    Error(row.Row, ActivityListColumns.Indicators, code, $"Indikatoren '{RuleText.Echo(code)}' findes ikke.", $"There is no indicator '{RuleText.Echo(code)}'.");
            }
            return codes.Distinct(StringComparer.Ordinal).ToList();
        }

        private void Error(int row, string column, string? value, string danish, string english) =>
            Errors.Add(RuleText.Error(row, headerOf.GetValueOrDefault(column, column), value, danish, english));
    }
}
