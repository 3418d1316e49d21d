using Monitoring.Ingest.Storage;

namespace Monitoring.Ingest.Cli;

/// <summary>The database the command line works on: the same settings as the API, read from the environment.</summary>
public static class CliDatabase
{
    public static DatabaseOptions FromEnvironment(string? connectionString) => new()
    {
        Provider = Environment.GetEnvironmentVariable("Monitoring__Database__Provider") is { Length: > 0 } provider
            ? Enum.Parse<DatabaseProvider>(provider, ignoreCase: true)
            : DatabaseProvider.Sqlite,
        ConnectionString = connectionString
            ?? Environment.GetEnvironmentVariable("ConnectionStrings__Monitoring")
            ?? "Data Source=data/monitoring.db",
    };
}
