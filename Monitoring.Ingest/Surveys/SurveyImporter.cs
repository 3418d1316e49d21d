using System.Globalization;
using System.Text;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
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

        if (await MixedWavesAsync(definition, file, catalog, cancellationToken) is { Count: > 0 } mixed)
        {
            return new SurveyImportReport(definition.Code, ImportStatus.Rejected, request.FileName, file.Format, 0, [], 0, 0,
                mixed, file.IgnoredColumns, null);
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

    /// <summary>
    /// Waves of another kind than the indicator's: its declared periodicity, or for an irregular (survey) indicator
    /// the kind of the waves already stored, or else of the file's first wave. A 2026K2 wave among yearly ones
    /// would leave every target on the indicator "insufficient data — mixes period kinds", so it is refused here,
    /// where the analyst can still fix the file.
    /// </summary>
    private async Task<List<RowError>> MixedWavesAsync(
        SurveyDefinition definition, RespondentFile file, ImportCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new List<RowError>();
        var waves = file.Respondents.Select(r => r.Wave).Distinct().Order().ToList();
        await using var connection = await database.OpenAsync(cancellationToken);
        foreach (var code in definition.Questions.Select(q => q.Indicator).Distinct(StringComparer.Ordinal))
        {
            var indicator = catalog.Indicator(code);
            var stored = await connection.QueryAsync<StoredWave>(new CommandDefinition(
                """
                SELECT DISTINCT o.period_start AS PeriodStart, o.period_end AS PeriodEnd
                FROM observations o JOIN series s ON s.id = o.series_id
                WHERE s.indicator_code = @code
                """, new { code }, cancellationToken: cancellationToken));
            var storedWaves = stored.Select(w => Period.FromOrdinals(w.PeriodStart, w.PeriodEnd)).Order().ToList();
            var (expected, basis, basisEn) = indicator is not null && PeriodRule.KindOf(indicator.Periodicity) is { } declared
                ? (declared, "opgøres pr. {0}", "is measured per {0}")
                : storedWaves.Count > 0
                    ? (storedWaves[0].Kind, "har hidtil bølger pr. {0} (" + string.Join(", ", storedWaves.Take(5).Select(w => w.ToDanishString())) + ")",
                        "has had waves per {0} so far (" + string.Join(", ", storedWaves.Take(5)) + ")")
                    : (waves[0].Kind, "har i denne fil bølger pr. {0} (" + waves[0].ToDanishString() + ")", "has waves per {0} in this file (" + waves[0] + ")");
            var (expectedDa, expectedEn, example) = PeriodRule.Names(expected);
            foreach (var wave in waves.Where(w => w.Kind != expected))
            {
                var (givenDa, givenEn, _) = PeriodRule.Names(wave.Kind);
                errors.Add(RuleText.Error(1, "wave", wave.ToString(),
                    $"Bølgen {wave.ToDanishString()} er et {givenDa}, men {code} {string.Format(CultureInfo.InvariantCulture, basis, expectedDa)}; " +
                    $"en serie, der blander periodetyper, kan ikke følges af planens succeskriterier. Skriv bølgen som et {expectedDa} (fx {example}).",
                    $"The wave {wave} is a {givenEn}, but {code} {string.Format(CultureInfo.InvariantCulture, basisEn, expectedEn)}; " +
                    $"a series mixing period kinds cannot be followed by the plan's targets. Write the wave as a {expectedEn} (e.g. {example})."));
            }
        }
        return errors;
    }

    private sealed class StoredWave
    {
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
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
