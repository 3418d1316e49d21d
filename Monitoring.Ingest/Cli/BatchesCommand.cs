using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary><c>batches [--limit N]</c>: lists the latest committed imports.</summary>
public static class BatchesCommand
{
    public static Command Create(Option<string?> connection)
    {
        var limit = new Option<int>("--limit") { Description = "How many batches to list.", DefaultValueFactory = _ => 20 };
        var command = new Command("batches", "List the latest import batches.") { limit };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var batches = await host.Services.GetRequiredService<ImportBatchStore>().ListAsync(parse.GetValue(limit), null, cancellationToken);
            var table = new Table().AddColumns("id", "when", "file", "source", "by", "created", "changed", "unchanged", "withdrawn");
            foreach (var b in batches)
            {
                table.AddRow(b.Id.ToString(CultureInfo.InvariantCulture), b.CreatedAt.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(b.FileName), b.Source, Markup.Escape(b.CreatedBy),
                    b.Created.ToString(CultureInfo.InvariantCulture), b.Changed.ToString(CultureInfo.InvariantCulture), b.Unchanged.ToString(CultureInfo.InvariantCulture),
                    b.Withdrawn.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            // Reverts and reasons as lines under the table: a terminal is too narrow for them as columns.
            foreach (var b in batches.Where(b => b.RevertsBatchId is not null || b.RevertedByBatchId is not null || b.Reason is not null))
                AnsiConsole.WriteLine(Note(b));
            return 0;
        });
        return command.AcceptingSettings();
    }

    /// <summary>Which batch this one reverts, which batch reverted it, and why, so an undo reads from the journal alone.</summary>
    private static string Note(ImportBatch batch) =>
        string.Create(CultureInfo.InvariantCulture, $"batch {batch.Id}") +
        (batch.RevertsBatchId is { } reverts ? string.Create(CultureInfo.InvariantCulture, $" reverts batch {reverts}") : "") +
        (batch.RevertedByBatchId is { } by ? string.Create(CultureInfo.InvariantCulture, $" was reverted by batch {by}") : "") +
        (batch.Reason is { } reason ? $": {reason}" : "");
}
