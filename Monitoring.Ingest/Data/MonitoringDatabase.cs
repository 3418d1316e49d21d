using System.Data.Common;
using Microsoft.Data.Sqlite;
using Monitoring.Ingest.Data.Dialects;
using Monitoring.Ingest.Files;
using Npgsql;

namespace Monitoring.Ingest.Data;

/// <summary>
/// The one place that knows which database engine is in use: it holds the provider's data source
/// (one pool, built once from the settings) and names the folder of migration scripts. A second
/// provider adds a branch here and a folder under <c>sql/</c>.
/// </summary>
public sealed class MonitoringDatabase : IAsyncDisposable, IDisposable
{
    private readonly string _connectionString;

    public MonitoringDatabase(DatabaseOptions options)
    {
        StoredTextTypes.Register();
        Provider = options.Provider;
        _connectionString = Normalise(options);
        ScriptsFolder = Path.Combine(options.ScriptsFolder ?? Path.Combine(AppContext.BaseDirectory, "sql"), DialectFolder);
        // Built on first use, so naming the scripts folder never needs a connection string that parses.
        _dataSource = new Lazy<DbDataSource>(() => Provider switch
        {
            DatabaseProvider.Postgres => NpgsqlDataSource.Create(_connectionString),
            _ => SqliteFactory.Instance.CreateDataSource(_connectionString),
        });
    }

    private readonly Lazy<DbDataSource> _dataSource;

    /// <summary>Where every connection of this service comes from.</summary>
    public DbDataSource DataSource => _dataSource.Value;

    public DatabaseProvider Provider { get; }

    public string ScriptsFolder { get; }

    /// <summary>The connection string as used, with the provider's required settings applied.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>This provider's way of staging and merging the observations of batch <paramref name="batchId"/>, inside the given transaction.</summary>
    public IObservationBatch BeginObservationBatch(DbConnection connection, DbTransaction transaction, long batchId) => Provider switch
    {
        DatabaseProvider.Postgres => new PostgresObservationBatch((NpgsqlConnection)connection, (NpgsqlTransaction)transaction, batchId),
        _ => new SqliteObservationBatch(connection, transaction, batchId),
    };

    private string DialectFolder => Provider switch
    {
        DatabaseProvider.Sqlite => "sqlite",
        DatabaseProvider.Postgres => "postgres",
        _ => throw new NotSupportedException($"Database provider {Provider} is not supported."),
    };

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken = default) =>
        await DataSource.OpenConnectionAsync(cancellationToken);

    public DbConnection CreateConnection() => DataSource.CreateConnection();

    public ValueTask DisposeAsync() => _dataSource.IsValueCreated ? _dataSource.Value.DisposeAsync() : ValueTask.CompletedTask;

    public void Dispose()
    {
        if (_dataSource.IsValueCreated)
            _dataSource.Value.Dispose();
    }

    private static string Normalise(DatabaseOptions options)
    {
        if (options.Provider == DatabaseProvider.Postgres)
            return NormalisePostgres(options);
        if (options.Provider != DatabaseProvider.Sqlite)
            return options.ConnectionString;
        // Foreign keys are off by default in SQLite; the schema relies on them. The folder of the
        // file is created so a fresh clone starts without set-up: mode 700, and the file itself 600
        // before SQLite opens it (SQLite gives its journal and WAL files the database file's mode).
        var builder = new SqliteConnectionStringBuilder(options.ConnectionString) { ForeignKeys = true };
        if (options.BusyTimeout is { } busy && !Names(options.ConnectionString, "Default Timeout", "DefaultTimeout", "Command Timeout", "CommandTimeout"))
            builder.DefaultTimeout = Seconds(busy);
        if (builder.Mode == SqliteOpenMode.Memory || builder.DataSource.Length == 0 || builder.DataSource == ":memory:")
            return builder.ToString();
        var file = Path.GetFullPath(builder.DataSource);
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
            PrivateFile.CreateFolder(folder);
        if (builder.Mode is SqliteOpenMode.ReadWriteCreate)
            PrivateFile.CreateEmptyIfMissing(file);
        return builder.ToString();
    }

    /// <summary>Bounded waits, unless the connection string names its own: a stopped server fails fast instead of hanging requests.</summary>
    private static string NormalisePostgres(DatabaseOptions options)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
        if (options.ConnectTimeout is { } connect && !Names(options.ConnectionString, "Timeout"))
            builder.Timeout = Seconds(connect);
        if (options.CommandTimeout is { } command && !Names(options.ConnectionString, "Command Timeout", "CommandTimeout"))
            builder.CommandTimeout = Seconds(command);
        return builder.ToString();
    }

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static bool Names(string connectionString, params string[] keys)
    {
        var parsed = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return keys.Any(parsed.ContainsKey);
    }
}
