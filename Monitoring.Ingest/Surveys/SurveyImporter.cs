using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Suppression;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Surveys;

/// <summary>
/// Imports a respondent file: reads and checks it, aggregates it per area × wave × subgroup,
/// withholds what suppression says (primary and secondary, across crossings), and imports the
/// shares through the ordinary importer as one batch (so validation, history and revert are the
/// same as for any upload). The respondents are kept only when that batch is committed.
/// </summary>
public sealed class SurveyImporter(
    MonitoringDatabase database, SurveyDefinitionStore definitions, IndicatorStore indicators, ScopeStore scopes,
    DimensionStore dimensions, ObservationImporter importer, IOptions<SuppressionOptions> suppression)
{
    public async Task<SurveyImportReport?> ImportAsync(string surveyCode, ImportRequest request, CancellationToken cancellationToken = default)
    {
        if (await definitions.FindAsync(surveyCode, cancellationToken) is not { } definition)
            return null;
        var catalog = new ImportCatalog(
            await indicators.ListAsync(cancellationToken), await scopes.ListAsync(cancellationToken), await dimensions.ListAsync(cancellationToken));
        RespondentFile file;
        await using (var content = request.OpenContent())
            file = RespondentFileReader.Read(content, request.Options, definition, catalog);
        if (file.Errors.Count > 0)
        {
            return new SurveyImportReport(definition.Code, ImportStatus.Rejected, request.FileName, file.Format, 0, [], 0, 0,
                file.Errors.Take(ImportReport.MaxListedErrors).ToList(), file.IgnoredColumns, null);
        }

        var aggregates = SurveyAggregation.Aggregate(definition, file.Respondents);
        var observations = aggregates.Select(a => ToObservation(a, catalog)).ToList();
        var withheld = CrossingSuppression.Suppressed(observations, suppression.Value.MinCount);
        var shown = observations.Where(o => !withheld.Contains(o)).ToList();
        var waves = file.Respondents.Select(r => r.Wave).Distinct().Order().Select(w => w.ToString()).ToList();
        var report = new SurveyImportReport(definition.Code, ImportStatus.Rejected, request.FileName, file.Format, file.Respondents.Count, waves,
            aggregates.Count, withheld.Count, [], file.IgnoredColumns, null);
        if (shown.Count == 0)
        {
            return report with
            {
                Errors = [RuleText.Error(1, "*", null, "Alle andele hviler på for få svar og tilbageholdes; der er intet at gemme.",
                    "Every share rests on too few answers and is withheld; there is nothing to store.")],
            };
        }

        // The shares go through the ordinary importer as a canonical CSV, so they obey its rules and
        // become one batch with history and revert, named after the respondent file.
        // A respondent file is the whole truth about its areas and waves: a share stored before that the
        // new aggregation withholds or no longer has (a corrected file with fewer answers) is
        // withdrawn by the same batch, history kept, instead of staying current beside the new ones.
        var cells = file.Respondents.Select(r => (r.Area, r.Wave)).Distinct()
            .SelectMany(c => definition.Questions.Select(q => q.Indicator).Distinct(StringComparer.Ordinal)
                .Select(indicator => new ReplacedCell(indicator, c.Area, c.Wave)))
            .ToList();
        var batch = await importer.ImportAsync(
            new ImportRequest(Canonical(shown), request.FileName, "survey:" + definition.Code, request.RequestedBy, request.DryRun)
            {
                ReplacesCells = cells,
            },
            cancellationToken: cancellationToken);
        if (batch.Status is ImportStatus.Committed or ImportStatus.AlreadyImported)
        {
            await using var connection = await database.OpenAsync(cancellationToken);
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
            await RespondentStore.ReplaceAsync(connection, transaction, definition.Code, file.Respondents, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        return report with { Status = batch.Status, Errors = batch.Errors, Import = batch };
    }

    private static Observation ToObservation(SurveyAggregate a, ImportCatalog catalog)
    {
        var decimals = catalog.Indicator(a.Indicator)?.Decimals ?? 1;
        return new Observation(a.Indicator, a.Area, a.Wave, a.Subgroup, a.Percent(decimals), a.Positive, a.Valid, ObservationFlags.None, 0);
    }

    private static byte[] Canonical(IReadOnlyList<Observation> shares)
    {
        var csv = new StringBuilder("indicator,area,period,value,numerator,denominator,subgroup\n");
        foreach (var o in shares)
        {
            var subgroup = o.Subgroup.Replace("\"", "\"\"", StringComparison.Ordinal);
            var value = o.Value!.Value.ToString("R", CultureInfo.InvariantCulture);
            csv.Append(CultureInfo.InvariantCulture, $"{o.IndicatorCode},{o.ScopeCode},{o.Period},{value},{o.Numerator},{o.Denominator},\"{subgroup}\"\n");
        }
        return Encoding.UTF8.GetBytes(csv.ToString());
    }
}
