namespace Monitoring.Ingest.Data;

/// <summary>Bound from <c>Monitoring:Database</c>; the connection string from <c>ConnectionStrings:Monitoring</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Monitoring:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/monitoring.db";

    /// <summary>Folder holding <c>sqlite/</c> and <c>postgres/</c> migration scripts; defaults to the copy beside the binaries.</summary>
    public string? ScriptsFolder { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
