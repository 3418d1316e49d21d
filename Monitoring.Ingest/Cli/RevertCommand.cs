using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Data;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary><c>revert ID [--dry-run] [--reason TEXT]</c>: undoes an import batch with a new batch, or shows what that would change.</summary>
public static class RevertCommand
{
    private const int ListedPerKind = 50;

    public static Command Create(Option<string?> connection)
    {
        var id = new Argument<long>("id") { Description = "The batch to revert (see 'batches')." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change without writing." };
        var reason = new Option<string?>("--reason") { Description = "Why the batch is reverted; kept in the journal." };
        var command = new Command("revert", "Undo an import batch: earlier values come back, values it created are withdrawn.") { id, dryRun, reason };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var batchId = parse.GetValue(id);
            var result = await host.Services.GetRequiredService<BatchReverter>().RevertAsync(
                new RevertRequest(batchId, parse.GetValue(reason), Environment.UserName, parse.GetValue(dryRun)), cancellationToken);
            switch (result.Outcome)
            {
                case RevertOutcome.NotFound:
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No import batch {batchId}.[/]");
                    return 2;
                case RevertOutcome.AlreadyReverted:
                    AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture,
                        $"[red]Batch {batchId} was already reverted by batch {result.RevertedBy}.[/] To bring its values back, revert batch {result.RevertedBy}.");
                    return 1;
                default:
                    Summarise(result.Report!);
                    if (!parse.GetValue(dryRun))
                    {
                        await host.Services.GetRequiredService<AuditLog>().RecordAsync(AuditLog.CommandLineActor, "revert",
                            string.Create(CultureInfo.InvariantCulture, $"batch {batchId}"), parse.GetValue(reason), CancellationToken.None);
                    }
                    return 0;
            }
        });
        return command.AcceptingSettings();
    }

    private static void Summarise(RevertReport report)
    {
        var table = new Table().AddColumns("status", "batch", "reverts", "restored", "withdrawn", "skipped");
        table.AddRow(report.Status.ToString(), report.BatchId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            report.RevertsBatchId.ToString(CultureInfo.InvariantCulture), report.Restored.ToString(CultureInfo.InvariantCulture),
            report.Withdrawn.ToString(CultureInfo.InvariantCulture), report.Skipped.ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        var keys = new Table().AddColumns("", "indicator", "area", "period", "subgroup", "now", "after");
        foreach (var (kind, values) in (ReadOnlySpan<(string, IReadOnlyList<RevertedValue>)>)
                 [("restored", report.RestoredValues), ("withdrawn", report.WithdrawnValues), ("skipped", report.SkippedValues)])
        {
            foreach (var v in values.Take(ListedPerKind))
            {
                var after = kind == "skipped" ? $"changed since by batch {v.ChangedSinceBy}" : Number(v.ValueAfter);
                keys.AddRow(kind, Markup.Escape(v.Indicator), Markup.Escape(v.Area), v.Period, Markup.Escape(v.Subgroup), Number(v.ValueNow), after);
            }
        }
        if (keys.Rows.Count > 0)
            AnsiConsole.Write(keys);
        if (report.Status == Core.Model.ImportStatus.DryRun)
            AnsiConsole.MarkupLine("Dry run: nothing was written.");
    }

    private static string Number(double? value) => value?.ToString("G", CultureInfo.InvariantCulture) ?? "-";
}
