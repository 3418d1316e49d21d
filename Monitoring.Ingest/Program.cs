using System.CommandLine;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Cli;

var connection = new Option<string?>("--connection")
{
    Description = "Database connection string (ConnectionStrings:Monitoring; default from appsettings.json and the environment).",
    Recursive = true,
};
var root = new RootCommand(
    "Monitoring ingest: import indicator data, inspect and revert import batches, run the background jobs. " +
    "Settings as in the API: appsettings.json, environment variables (Monitoring__Jobs__WorkerCount), or --Monitoring:Jobs:WorkerCount=2.")
{
    connection,
    ImportCommand.Create(connection),
    SurveyCommand.Create(connection),
    BatchesCommand.Create(connection),
    RevertCommand.Create(connection),
    WorkerCommand.Create(connection),
    JobsCommand.Create(connection),
    KeysCommand.Create(connection),
    SignInLinkCommand.Create(connection),
};
try
{
    return await root.Parse(args).InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
}
catch (OptionsValidationException e)
{
    // A bad setting is the operator's to fix: each message names its key; a stack trace would bury them.
    foreach (var failure in e.Failures)
        Console.Error.WriteLine(failure);
    return 1;
}
catch (InvalidOperationException e) when (e.InnerException is FormatException)
{
    // The configuration binder's "Failed to convert configuration value 'x' at 'Key' to type ...".
    Console.Error.WriteLine(e.Message);
    return 1;
}
