using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
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
            var table = new Table().AddColumns("id", "when", "file", "source", "by", "created", "changed", "unchanged");
            foreach (var b in batches)
            {
                table.AddRow(b.Id.ToString(CultureInfo.InvariantCulture), b.CreatedAt.ToString("u", CultureInfo.InvariantCulture), Markup.Escape(b.FileName), b.Source, Markup.Escape(b.CreatedBy),
                    b.Created.ToString(CultureInfo.InvariantCulture), b.Changed.ToString(CultureInfo.InvariantCulture), b.Unchanged.ToString(CultureInfo.InvariantCulture));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command.AcceptingSettings();
    }
}
