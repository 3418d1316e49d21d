using CsvHelper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Imports one file as one batch, in one pass and one transaction: rows are read, validated and
/// staged as they stream; then the batch is compared with what is stored and merged. A file with
/// any error writes nothing; the same file twice is a no-op; a dry run goes through the same
/// steps and rolls back.
/// </summary>
public sealed class ObservationImporter(
    MonitoringDatabase database, IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions,
    IOptions<ValidationOptions> validation, TimeProvider clock)
{
    private const int ProgressEvery = 10_000;

    public async Task<ImportReport> ImportAsync(
        ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var catalog = new ImportCatalog(
            await indicators.ListAsync(cancellationToken), await scopes.ListAsync(cancellationToken),
            await dimensions.ListAsync(cancellationToken));
        await using var content = new HashingReadStream(request.OpenContent());
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // The batch row comes first so rows can be written under its id as they stream; a rejected
        // file, a dry run or a file already imported rolls it back with everything else.
        var started = new ImportBatch(0, request.Source, request.FileName, "", "csv", 0, 0, 0, 0, 0, 0,
            ImportStatus.Committed, request.RequestedBy, clock.GetUtcNow());
        var batchId = await ImportBatchStore.InsertAsync(connection, transaction, started);
        await using var batch = database.BeginObservationBatch(connection, transaction, batchId);

        string format;
        IReadOnlyList<string> ignoredColumns;
        ObservationRowValidator validator;
        try
        {
            using var csv = new CanonicalCsvReader(content);
            format = csv.Format;
            ignoredColumns = csv.IgnoredColumns;
            validator = new ObservationRowValidator(catalog, csv.NumberCulture, validation.Value);
            validator.AddErrors(csv.HeaderErrors);
            var malformed = new List<RowError>();
            foreach (var row in csv.Rows(malformed))
            {
                var observation = validator.Validate(row);
                // Once the file is known to be rejected, staging stops; validation goes on to find every error.
                if (observation is not null && validator.Errors.Count == 0 && malformed.Count == 0)
                    await batch.AddAsync(observation, cancellationToken);
                if (validator.RowsRead % ProgressEvery == 0)
                    progress?.Report(new ImportProgress("validated", validator.RowsRead, 0));
            }
            validator.AddErrors(malformed);
        }
        catch (CsvFormatException ex)
        {
            var error = RuleText.Error((int)Math.Max(ex.LineNumber, ex.RecordNumber), "*", null,
                $"Filen kan ikke læses som CSV: {ex.Message}", $"The file is not readable as CSV: {ex.Message}");
            content.ReadToEnd();
            return Rejected(request, content.HashHex(), "csv", 0, 0, [error], []);
        }
        content.ReadToEnd();
        var hash = content.HashHex();
        progress?.Report(new ImportProgress("validated", validator.RowsRead, validator.RowsRead));

        var duplicates = 0;
        if (validator.Errors.Count == 0)
        {
            // Only a file clean so far was staged whole, so only then can the staged rows be checked for repeats.
            var repeated = await batch.DuplicatesAsync(cancellationToken);
            duplicates = repeated.Count;
            validator.AddErrors(repeated);
        }
        if (validator.Errors.Count > 0)
            return Rejected(request, hash, format, validator.RowsRead, validator.RowsAccepted - duplicates, validator.Errors, ignoredColumns);
        if (validator.RowsAccepted == 0)
        {
            return Rejected(request, hash, format, 0, 0,
                [RuleText.Error(2, "*", null, "Filen har en overskrift, men ingen datarækker.", "The file has a header but no data rows.")],
                ignoredColumns);
        }

        // Comparing ends the staging (on PostgreSQL the COPY must finish before any other command).
        var counts = await batch.CompareAsync(cancellationToken);
        var earlier = await ImportBatchStore.FindByHashAsync(connection, transaction, hash);
        if (earlier is not null)
        {
            return new ImportReport(earlier, ImportStatus.AlreadyImported, request.FileName, hash, format,
                validator.RowsRead, 0, 0, 0, 0, validator.RowsRead, [], 0, ignoredColumns, earlier);
        }

        var record = started with
        {
            Id = batchId,
            ContentHash = hash,
            Format = format,
            RowsRead = validator.RowsRead,
            RowsAccepted = validator.RowsAccepted,
            Created = counts.Created,
            Changed = counts.Changed,
            Unchanged = counts.Unchanged,
            Status = request.DryRun ? ImportStatus.DryRun : ImportStatus.Committed,
        };
        if (request.DryRun)
            return Report(record with { Id = 0 }, null, ignoredColumns);

        var toWrite = counts.Created + counts.Changed;
        await batch.CommitAsync(done => progress?.Report(new ImportProgress("written", done, toWrite)), cancellationToken);
        await ImportBatchStore.CompleteAsync(connection, transaction, record);
        cancellationToken.ThrowIfCancellationRequested();
        await DataVersionStore.BumpAsync(connection, transaction, CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        return Report(record, batchId, ignoredColumns);
    }

    private static ImportReport Report(ImportBatch batch, long? batchId, IReadOnlyList<string> ignoredColumns) =>
        new(batchId, batch.Status, batch.FileName, batch.ContentHash, batch.Format, batch.RowsRead, batch.RowsAccepted,
            batch.RowsRejected, batch.Created, batch.Changed, batch.Unchanged, [], 0, ignoredColumns);

    private static ImportReport Rejected(
        ImportRequest request, string hash, string format, int rowsRead, int rowsAccepted, IReadOnlyList<RowError> errors,
        IReadOnlyList<string> ignoredColumns)
    {
        var rejectedRows = errors.Where(e => e.Row > 1).Select(e => e.Row).Distinct().Count();
        return new ImportReport(null, ImportStatus.Rejected, request.FileName, hash, format, rowsRead,
            rowsAccepted, rejectedRows, 0, 0, 0,
            errors.Take(ImportReport.MaxListedErrors).ToList(), errors.Count, ignoredColumns);
    }
}
