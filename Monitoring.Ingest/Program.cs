using System.CommandLine;
using Monitoring.Ingest.Cli;

var connection = new Option<string?>("--connection")
{
    Description = "Database connection string (default: ConnectionStrings__Monitoring, else data/monitoring.db).",
    Recursive = true,
};
var root = new RootCommand("Monitoring ingest: import indicator data, inspect import batches, run the background jobs.")
{
    connection,
    ImportCommand.Create(connection),
    BatchesCommand.Create(connection),
    WorkerCommand.Create(connection),
    JobsCommand.Create(connection),
};
return await root.Parse(args).InvokeAsync();
