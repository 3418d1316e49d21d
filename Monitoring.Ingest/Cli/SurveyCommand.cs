using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Surveys;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary><c>survey SURVEY FILE [--dry-run]</c>: imports a respondent file and its aggregated shares as one batch.</summary>
public static class SurveyCommand
{
    public static Command Create(Option<string?> connection)
    {
        var survey = new Argument<string>("survey") { Description = "The survey's code (e.g. tryghed)." };
        var file = new Argument<FileInfo>("file") { Description = "The respondent file (CSV, .xlsx or .xls): one row per respondent." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Report what would change without writing." };
        var encoding = new Option<string?>("--encoding") { Description = "The text encoding (utf-8, utf-16, windows-1252); detected when left out." };
        var sheet = new Option<string?>("--sheet") { Description = "The sheet of an .xlsx/.xls file; the first when left out." };
        var command = new Command("survey", "Import a survey answered per respondent; its shares per area, wave and subgroup become one batch.")
        {
            survey, file, dryRun, encoding, sheet,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var path = parse.GetValue(file)!;
            if (!path.Exists)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]File not found:[/] {path.FullName}");
                return 2;
            }
            var code = parse.GetValue(survey)!;
            SurveyImportReport? report = null;
            await AnsiConsole.Status().StartAsync($"Importing {path.Name}", async _ =>
                report = await host.Services.GetRequiredService<SurveyImporter>().ImportAsync(code,
                    ImportRequest.FromFile(path.FullName, "cli", Environment.UserName, parse.GetValue(dryRun)) with
                    {
                        Options = new ImportOptions(parse.GetValue(encoding), null, parse.GetValue(sheet)),
                    },
                    cancellationToken));
            if (report is null)
            {
                AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]No survey '{code}'.[/] Define it in metadata (surveys.json) or with PUT /api/v1/surveys/{code}.");
                return 2;
            }
            return Summarise(report);
        });
        return command.AcceptingSettings();
    }

    private static int Summarise(SurveyImportReport report)
    {
        var table = new Table().AddColumns("status", "batch", "respondents", "waves", "shares", "withheld", "created", "changed", "unchanged");
        var import = report.Import;
        table.AddRow(report.Status.ToString(), import?.BatchId?.ToString(CultureInfo.InvariantCulture) ?? "-",
            report.Respondents.ToString(CultureInfo.InvariantCulture), string.Join(", ", report.Waves),
            report.Aggregates.ToString(CultureInfo.InvariantCulture), report.Suppressed.ToString(CultureInfo.InvariantCulture),
            (import?.Created ?? 0).ToString(CultureInfo.InvariantCulture), (import?.Changed ?? 0).ToString(CultureInfo.InvariantCulture),
            (import?.Unchanged ?? 0).ToString(CultureInfo.InvariantCulture));
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"Read as {report.Format}.");
        if (report.Status == ImportStatus.AlreadyImported)
            AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"These shares were imported before as batch {import?.AlreadyImportedAs}.");
        if (report.Errors.Count == 0)
            return 0;
        var errors = new Table().AddColumns("row", "column", "value", "problem");
        foreach (var error in report.Errors.Take(50))
            errors.AddRow(error.Row.ToString(CultureInfo.InvariantCulture), Markup.Escape(error.Column), Markup.Escape(error.Value ?? ""), Markup.Escape(error.Message));
        AnsiConsole.Write(errors);
        AnsiConsole.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[red]Rejected: {report.Errors.Count} problems; nothing was written.[/]");
        return 1;
    }
}
