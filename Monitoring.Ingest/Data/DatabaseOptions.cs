namespace Monitoring.Ingest.Data;

/// <summary>Bound from <c>Monitoring:Database</c>; the connection string from <c>ConnectionStrings:Monitoring</c>.</summary>
public sealed class DatabaseOptions
{
    public const string SectionName = "Monitoring:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    public string ConnectionString { get; set; } = "Data Source=data/monitoring.db";

    /// <summary>
    /// SQLite: how long a statement waits for another connection's write lock before it fails
    /// (Microsoft.Data.Sqlite's Default Timeout, its busy timeout). Unset: the driver's 30 s. The API
    /// sets 2 s, so a locked database answers 503 quickly instead of holding the request.
    /// Ignored when the connection string names its own Default Timeout.
    /// </summary>
    public TimeSpan? BusyTimeout { get; set; }

    /// <summary>PostgreSQL: how long opening a connection may take (Npgsql Timeout). Unset: the driver's 15 s.</summary>
    public TimeSpan? ConnectTimeout { get; set; }

    /// <summary>PostgreSQL: how long one command may run (Npgsql Command Timeout). Unset: the driver's 30 s.</summary>
    public TimeSpan? CommandTimeout { get; set; }

    /// <summary>Folder holding <c>sqlite/</c> and <c>postgres/</c> migration scripts; defaults to the copy beside the binaries.</summary>
    public string? ScriptsFolder { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
