using System.Globalization;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Rules;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Corrects or withdraws one observation as a one-row batch (source <c>correction</c>) that keeps
/// the reason, so the fix is in the journal and the earlier version in the history like any
/// revision. A new value passes the importer's own row validator: a value a file could not bring
/// cannot come in by the side door either. Only a key with a current value can be corrected; new
/// data comes by import.
/// </summary>
public sealed class ObservationCorrector(
    MonitoringDatabase database, IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions,
    IOptions<ValidationOptions> validation, TimeProvider clock)
{
    private const int MaxReasonLength = 2000;

    private static readonly HashSet<string> KeyFields = new(StringComparer.Ordinal) { "indicator", "area", "period", "subgroup" };

    public async Task<CorrectionResult> CorrectAsync(CorrectionRequest request, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.Reason))
            errors.Add(new FieldError("reason", request.Reason,
                "Skriv hvorfor værdien rettes eller trækkes tilbage; begrundelsen gemmes i importjournalen.",
                "Say why the value is corrected or withdrawn; the reason is kept in the import journal."));
        else if (request.Reason.Length > MaxReasonLength)
            errors.Add(new FieldError("reason", null,
                $"Begrundelsen må højst være {MaxReasonLength} tegn.", $"Keep the reason under {MaxReasonLength} characters."));
        if (request.Withdraw && (request.Value ?? request.Numerator ?? request.Denominator) is not null)
            errors.Add(new FieldError("withdraw", "true",
                "Angiv enten en ny værdi eller withdraw: true, ikke begge.", "Give either a new value or withdraw: true, not both."));

        var catalog = new ImportCatalog(await indicators.ListAsync(cancellationToken), await scopes.ListAsync(cancellationToken),
            await dimensions.ListAsync(cancellationToken));
        var validator = new ObservationRowValidator(catalog, CultureInfo.InvariantCulture, validation.Value);
        // A withdrawal has no value; a stand-in lets the validator check the key, and only the
        // key's errors count for it.
        var row = new CanonicalCsvRow(1, request.Indicator ?? "", request.Area ?? "", request.Period ?? "",
            request.Withdraw ? "0" : Text(request.Value), request.Withdraw ? "" : Text(request.Numerator),
            request.Withdraw ? "" : Text(request.Denominator), request.Subgroup ?? "");
        var observation = validator.Validate(row);
        errors.AddRange(validator.Errors
            .Where(e => !request.Withdraw || KeyFields.Contains(e.Column))
            .Select(e => new FieldError(e.Column, e.Value, e.Message, e.MessageEn)));
        if (errors.Count > 0 || observation is null)
            return new CorrectionResult(CorrectionOutcome.Invalid, errors);

        var reason = request.Reason!.Trim();
        var key = $"{observation.IndicatorCode} / {observation.ScopeCode} / {observation.Period}" +
                  (observation.Subgroup.Length > 0 ? $" / {observation.Subgroup}" : "");
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var record = new ImportBatch(0, "correction", key, "", "correction", 1, 1, 0, 0, 0, 0, ImportStatus.Committed,
            request.RequestedBy, clock.GetUtcNow(), Reason: reason);
        var batchId = await ImportBatchStore.InsertAsync(connection, transaction, record);
        await ObservationVersions.LockAsync(database, connection, transaction);
        var current = await connection.QuerySingleOrDefaultAsync<CurrentRow>(new CommandDefinition(
            """
            SELECT o.series_id AS SeriesId, o.period_start AS PeriodStart, o.period_end AS PeriodEnd,
                   o.value AS Value, o.numerator AS Numerator, o.denominator AS Denominator
            FROM observations o
            JOIN series s ON s.id = o.series_id
            WHERE s.indicator_code = @IndicatorCode AND s.scope_code = @ScopeCode AND s.subgroup = @Subgroup
              AND o.period_start = @start AND o.period_end = @end
            """,
            new
            {
                observation.IndicatorCode, observation.ScopeCode, observation.Subgroup,
                start = observation.Period.StartOrdinal, end = observation.Period.EndOrdinal,
            }, transaction, cancellationToken: cancellationToken));
        if (current is null)
        {
            return new CorrectionResult(CorrectionOutcome.NotFound, [], Message:
                $"There is no current value for {key}: it was never imported or has been withdrawn. New data comes by import.");
        }
        if (!request.Withdraw && current.Value == observation.Value && current.Numerator == observation.Numerator
            && current.Denominator == observation.Denominator)
        {
            return new CorrectionResult(CorrectionOutcome.Invalid,
                [new FieldError("value", Text(request.Value),
                    $"{Text(current.Value)} er allerede den gældende værdi for {key}; der er intet at rette.",
                    $"{Text(current.Value)} is already the current value of {key}; nothing to correct.")]);
        }

        var stored = new StoredKey(current.SeriesId, current.PeriodStart, current.PeriodEnd);
        await ObservationVersions.ArchiveAsync(connection, transaction, [stored], batchId);
        if (request.Withdraw)
        {
            await ObservationVersions.RemoveAsync(connection, transaction, [stored]);
        }
        else
        {
            var values = new VersionValues(observation.Value, observation.Numerator, observation.Denominator, (int)ObservationFlags.Revised);
            await ObservationVersions.ReplaceAsync(connection, transaction, [(stored, values)], batchId);
        }
        await ImportBatchStore.CompleteAsync(connection, transaction, record with
        {
            Id = batchId,
            Changed = request.Withdraw ? 0 : 1,
            Withdrawn = request.Withdraw ? 1 : 0,
        });
        cancellationToken.ThrowIfCancellationRequested();
        await DataVersionStore.BumpAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return new CorrectionResult(request.Withdraw ? CorrectionOutcome.Withdrawn : CorrectionOutcome.Corrected, [], batchId,
            observation.IndicatorCode, observation.ScopeCode, observation.Period.ToString(), observation.Subgroup,
            current.Value, request.Withdraw ? null : observation.Value, reason);
    }

    private static string Text(double? number) => number?.ToString("R", CultureInfo.InvariantCulture) ?? "";

    private sealed class CurrentRow
    {
        public long SeriesId { get; set; }
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
    }
}
