using System.CommandLine;
using Monitoring.Ingest.Cli;

var connection = new Option<string?>("--connection")
{
    Description = "Database connection string (ConnectionStrings:Monitoring; default from appsettings.json and the environment).",
    Recursive = true,
};
var root = new RootCommand(
    "Monitoring ingest: import indicator data, inspect import batches, run the background jobs. " +
    "Settings as in the API: appsettings.json, environment variables (Monitoring__Jobs__WorkerCount), or --Monitoring:Jobs:WorkerCount=2.")
{
    connection,
    ImportCommand.Create(connection),
    BatchesCommand.Create(connection),
    WorkerCommand.Create(connection),
    JobsCommand.Create(connection),
};
return await root.Parse(args).InvokeAsync();
