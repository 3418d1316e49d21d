using System.CommandLine;
using Monitoring.Ingest.Cli;

var connection = new Option<string?>("--connection")
{
    Description = "Database connection string (default: ConnectionStrings__Monitoring, else data/monitoring.db).",
    Recursive = true,
};
var root = new RootCommand("Monitoring ingest: import indicator data and inspect import batches.")
{
    connection,
    ImportCommand.Create(connection),
    BatchesCommand.Create(connection),
};
return await root.Parse(args).InvokeAsync();
