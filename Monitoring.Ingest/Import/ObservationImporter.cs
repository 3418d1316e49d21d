using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Import.Rules;
using Monitoring.Ingest.Metadata;

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
        var aliases = await ColumnAliasesAsync(connection, transaction, cancellationToken);
        await using var batch = database.BeginObservationBatch(connection, transaction, batchId);

        string format;
        IReadOnlyList<string> ignoredColumns;
        ObservationRowValidator validator;
        ImportFormat detected;
        var skipped = new List<SkippedRow>();
        var preview = new List<PreviewRow>();
        // Only kept when the file replaces whole cells, so an ordinary million-row file is not held in memory.
        var delivered = request.ReplacesCells is null ? null : new HashSet<(string, string, string, int, int)>();
        try
        {
            var sniffed = EncodingSniffer.Sniff(content, request.Options.Encoding);
            if (Unreadable(sniffed) is { } problem)
            {
                content.ReadToEnd();
                return Rejected(request, content.HashHex(), "", 0, 0, [problem], []);
            }
            await using var text = sniffed.Utf8;
            using ITableReader table = sniffed.Kind == ContentKind.Text
                ? new CsvTableReader(text)
                : new SpreadsheetReader(text, request.Options.Sheet);
            var rows = new WideTableReader(table, catalog, request.Options.Layout, aliases);
            var kind = sniffed.Kind switch { ContentKind.Xlsx => "xlsx", ContentKind.Xls => "xls", _ => "csv" };
            detected = new ImportFormat(kind, sniffed.EncodingName, table.Dialect, rows.Layout, rows.Mapping);
            format = detected.Summary;
            ignoredColumns = rows.Ignored;
            validator = new ObservationRowValidator(catalog, table.NumberCulture, validation.Value);
            validator.AddErrors(rows.Errors);
            var malformed = new List<RowError>();
            foreach (var row in rows.Rows(malformed))
            {
                if (ValueText.IsMissing(row.Value) && ValueText.IsMissing(row.Numerator) && ValueText.IsMissing(row.Denominator))
                {
                    // A marked-missing figure is no figure: listed, not stored, not an error. A row
                    // with counts but no value is a mistake, though, and the rules say so.
                    validator.Skip();
                    skipped.Add(new SkippedRow(row.Row, row.Indicator, row.Area, row.Period, row.Subgroup, row.Value));
                    continue;
                }
                var observation = validator.Validate(row);
                // Once the file is known to be rejected, staging stops; validation goes on to find every error.
                if (observation is not null && validator.Errors.Count == 0 && malformed.Count == 0)
                {
                    await batch.AddAsync(observation, cancellationToken);
                    delivered?.Add((observation.IndicatorCode, observation.ScopeCode, observation.Subgroup,
                        observation.Period.StartOrdinal, observation.Period.EndOrdinal));
                    if (preview.Count < ImportReport.PreviewRows)
                        preview.Add(Preview(observation));
                }
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
        catch (DecoderFallbackException)
        {
            // The prefix was valid UTF-8 and a later byte is not: stop rather than store U+FFFD.
            var error = RuleText.Error(1, "*", null,
                $"Filen er ikke gyldig UTF-8 længere nede (omkring byte {content.BytesRead}), selv om begyndelsen er. Blandede tegnsæt gemmes ikke; gem filen som UTF-8, eller vælg tegnsættet (encoding=windows-1252).",
                $"The file is not valid UTF-8 further down (around byte {content.BytesRead}), though its start is. Mixed encodings are not stored; save the file as UTF-8 or choose its encoding (encoding=windows-1252).");
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
            return Rejected(request, hash, format, validator.RowsRead, validator.RowsAccepted - duplicates, validator.Errors, ignoredColumns) with
            {
                Detected = detected,
                SkippedCount = skipped.Count,
                Skipped = skipped.Take(ImportReport.MaxListedSkipped).ToList(),
            };
        if (validator.RowsAccepted == 0)
        {
            var none = skipped.Count == 0
                ? RuleText.Error(2, "*", null, "Filen har en overskrift, men ingen datarækker.", "The file has a header but no data rows.")
                : RuleText.Error(2, "value", null, $"Alle {skipped.Count} rækker mangler en værdi (.., - eller tom); der er intet at gemme.",
                    $"All {skipped.Count} rows lack a value (.., - or empty); there is nothing to store.");
            return Rejected(request, hash, format, 0, 0, [none], ignoredColumns) with
            {
                Detected = detected,
                SkippedCount = skipped.Count,
                Skipped = skipped.Take(ImportReport.MaxListedSkipped).ToList(),
            };
        }

        // Comparing ends the staging (on PostgreSQL the COPY must finish before any other command).
        var counts = await batch.CompareAsync(cancellationToken);
        var earlier = await ImportBatchStore.FindByHashAsync(connection, transaction, hash);
        if (earlier is not null)
        {
            return new ImportReport(earlier, ImportStatus.AlreadyImported, request.FileName, hash, format,
                validator.RowsRead, 0, 0, 0, 0, validator.RowsRead, [], 0, ignoredColumns, earlier, detected, skipped.Count,
                skipped.Take(ImportReport.MaxListedSkipped).ToList(), preview);
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
            return Report(record with { Id = 0 }, null, ignoredColumns) with { Detected = detected, SkippedCount = skipped.Count, Skipped = skipped.Take(ImportReport.MaxListedSkipped).ToList(), Preview = preview };

        var toWrite = counts.Created + counts.Changed;
        await batch.CommitAsync(done => progress?.Report(new ImportProgress("written", done, toWrite)), cancellationToken);
        if (request.ReplacesCells is { } cells)
        {
            var stale = await StaleAsync(connection, transaction, cells, delivered!, cancellationToken);
            await ObservationVersions.ArchiveAsync(connection, transaction, stale, batchId);
            await ObservationVersions.RemoveAsync(connection, transaction, stale);
            record = record with { Withdrawn = stale.Count };
        }
        await ImportBatchStore.CompleteAsync(connection, transaction, record);
        cancellationToken.ThrowIfCancellationRequested();
        await DataVersionStore.BumpAsync(connection, transaction, CancellationToken.None);
        var report = Report(record, batchId, ignoredColumns) with { Detected = detected, SkippedCount = skipped.Count, Skipped = skipped.Take(ImportReport.MaxListedSkipped).ToList(), Preview = preview };
        if (request.UploadId is { } uploadId)
        {
            await UploadStore.FinishWithinAsync(connection, transaction, uploadId, UploadStatus.Committed, batchId,
                JsonSerializer.Serialize(report, MetadataJson.Options), report.RowsRead, clock.GetUtcNow());
        }
        await transaction.CommitAsync(CancellationToken.None);
        return report;
    }

    /// <summary>The current values in the replaced cells that the file did not deliver.</summary>
    private static async Task<List<StoredKey>> StaleAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, IReadOnlyList<ReplacedCell> cells,
        HashSet<(string, string, string, int, int)> delivered, CancellationToken cancellationToken)
    {
        var stale = new List<StoredKey>();
        foreach (var cell in cells.Distinct())
        {
            var rows = await connection.QueryAsync<StoredRow>(new CommandDefinition(
                """
                SELECT o.series_id AS SeriesId, o.period_start AS PeriodStart, o.period_end AS PeriodEnd, s.subgroup AS Subgroup
                FROM observations o
                JOIN series s ON s.id = o.series_id
                WHERE s.indicator_code = @Indicator AND s.scope_code = @Area AND o.period_start = @start AND o.period_end = @end
                """,
                new { cell.Indicator, cell.Area, start = cell.Period.StartOrdinal, end = cell.Period.EndOrdinal }, transaction,
                cancellationToken: cancellationToken));
            stale.AddRange(rows
                .Where(r => !delivered.Contains((cell.Indicator, cell.Area, r.Subgroup, r.PeriodStart, r.PeriodEnd)))
                .Select(r => new StoredKey(r.SeriesId, r.PeriodStart, r.PeriodEnd)));
        }
        return stale;
    }

    private sealed class StoredRow
    {
        public long SeriesId { get; set; }
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public string Subgroup { get; set; } = "";
    }

    /// <summary>The header names read as canonical columns: the settings' aliases, then the metadata's (which win).</summary>
    private async Task<IReadOnlyDictionary<string, string>> ColumnAliasesAsync(
        System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, CancellationToken cancellationToken)
    {
        var aliases = new Dictionary<string, string>(validation.Value.ColumnAliases, StringComparer.OrdinalIgnoreCase);
        foreach (var alias in await ColumnAliasStore.ListAsync(connection, transaction, cancellationToken))
            aliases[alias.Alias] = alias.Column;
        return aliases;
    }

    /// <summary>An empty, binary or spreadsheet file, or an unknown encoding: one clear error before any row is read.</summary>
    private static RowError? Unreadable(SniffedContent sniffed) => sniffed switch
    {
        { Problem: { } problem } => RuleText.Error(1, "*", null,
            $"Ukendt tegnsæt '{RuleText.Echo(sniffed.EncodingName)}'; brug fx utf-8, utf-16 eller windows-1252.",
            $"Unknown encoding '{RuleText.Echo(sniffed.EncodingName)}' ({problem}); use e.g. utf-8, utf-16 or windows-1252."),
        { Kind: ContentKind.Empty } => RuleText.Error(1, "*", null, "Filen er tom.", "The file is empty."),
        { Kind: ContentKind.Binary } => RuleText.Error(1, "*", null,
            "Filen er ikke tekst (den indeholder binære data); send en CSV-fil.", "The file is not text (it holds binary data); send a CSV file."),
        _ => null,
    };

    private static PreviewRow Preview(IncomingObservation o) =>
        new(o.Row, o.IndicatorCode, o.ScopeCode, o.Period.ToString(), o.Subgroup, o.Value, o.Numerator, o.Denominator);

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
