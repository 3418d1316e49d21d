using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary><c>import FILE [--dry-run]</c>: imports a canonical long CSV with a progress bar and a summary.</summary>
public static class ImportCommand
{
    public static Command Create(Option<string?> connection)
    {
        var file = new Argument<FileInfo>("file") { Description = "The CSV file to import." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would change without writing." };
        var encoding = new Option<string?>("--encoding") { Description = "The text encoding (utf-8, utf-16, windows-1252); detected when left out." };
        var layout = new Option<string?>("--layout") { Description = "long, wide-periods or wide-indicators; detected from the header when left out." };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx/.xls file; the first when left out." };
        var command = new Command("import", "Import a file of observations (CSV, wide table, .xlsx or .xls) as one batch.") { file, dryRun, encoding, layout, sheet };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var importer = host.Services.GetRequiredService<ObservationImporter>();
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]File not found:[/] {path.FullName}");
                return 2;
            }
            ImportReport? report = null;
            await AnsiConsole.Progress().StartAsync(async context =>
            {
                var task = context.AddTask($"Importing {path.Name}");
                var progress = new Progress<ImportProgress>(p =>
                {
                    task.Description = $"{path.Name}: {p.Stage}";
                    // While validating the total is not known yet: the bar shows rows read against the file so far.
                    task.MaxValue = Math.Max(1, Math.Max(p.Total, p.Done));
                    task.Value = p.Done;
                });
                report = await importer.ImportAsync(
                    ImportRequest.FromFile(path.FullName, "cli", Environment.UserName, parse.GetValue(dryRun)) with
                    {
                        Options = new ImportOptions(parse.GetValue(encoding), parse.GetValue(layout), parse.GetValue(sheet)),
                    },
                    progress, cancellationToken);
                task.Value = task.MaxValue;
            });
            if (report!.Status == ImportStatus.Committed && report.BatchId is { } batchId)
            {
                await host.Services.GetRequiredService<AuditLog>().RecordAsync(
                    AuditLog.CommandLineActor, "import", path.Name, string.Create(CultureInfo.InvariantCulture, $"batch {batchId}"), CancellationToken.None);
            }
            return Summarise(report);
        });
        return command.AcceptingSettings();
    }

    private static int Summarise(ImportReport report)
    {
        var table = new Table().AddColumns("status", "batch", "rows read", "created", "changed", "unchanged", "rejected");
        table.AddRow(
            report.Status.ToString(), report.BatchId?.ToString(CultureInfo.InvariantCulture) ?? "-", report.RowsRead.ToString(CultureInfo.InvariantCulture), report.Created.ToString(CultureInfo.InvariantCulture),
            report.Changed.ToString(CultureInfo.InvariantCulture), report.Unchanged.ToString(CultureInfo.InvariantCulture), report.RowsRejected.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        if (report.Detected is { } detected)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Read as {detected.Summary}; layout {detected.Layout}; columns {string.Join(", ", detected.Columns.Select(c => $"{c.Header} → {c.Column}"))}.");
        }
        if (report.SkippedCount > 0)
        {
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                $"Skipped {report.SkippedCount} rows marked missing (.., - or empty), e.g. rows {string.Join(", ", report.Skipped!.Take(10).Select(s => s.Row))}.");
        }
        if (report.Status == ImportStatus.AlreadyImported)
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Nothing to do: this file was imported as batch {report.AlreadyImportedAs}.");
        if (report.Errors.Count == 0)
            return 0;
        var errors = new Table().AddColumns("row", "column", "value", "problem");
        foreach (var error in report.Errors.Take(50))
            errors.AddRow(error.Row.ToString(CultureInfo.InvariantCulture), Markup.Escape(error.Column), Markup.Escape(error.Value ?? ""), Markup.Escape(error.Message));
        AnsiConsole.Write(errors);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Rejected: {report.ErrorCount} problems; nothing was written.[/]");
        return 1;
    }
}
