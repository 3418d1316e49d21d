using Dapper;
using Microsoft.Data.Sqlite;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Tests.Support;

/// <summary>
/// A real, empty, migrated database in a temporary folder, removed afterwards. Each test gets its
/// own, so tests never depend on each other's data.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly string[] Tables =
    [
        "scopes", "indicators", "plans", "plan_areas", "goals", "targets", "target_milestones",
        "import_batches", "series", "observations", "observation_history", "comments", "api_keys", "data_version",
    ];

    private readonly string? _postgresDatabase;

    private TestDatabase(string folder, DatabaseOptions options, string? postgresDatabase)
    {
        Folder = folder;
        Options = options;
        Database = new MonitoringDatabase(options);
        _postgresDatabase = postgresDatabase;
    }

    public DatabaseProvider Provider => Options.Provider;

    public string Folder { get; }

    public DatabaseOptions Options { get; }

    public MonitoringDatabase Database { get; }

    public static TestDatabase CreateSqlite(bool migrate = true) => Create(DatabaseProvider.Sqlite, migrate);

    /// <summary>A fresh database: a SQLite file, or a new database on the shared PostgreSQL server.</summary>
    public static TestDatabase Create(DatabaseProvider provider, bool migrate = true)
    {
        var folder = Directory.CreateTempSubdirectory("monitoring-test-").FullName;
        TestDatabase database;
        if (provider == DatabaseProvider.Postgres)
        {
            var name = "monitoring_test_" + Guid.NewGuid().ToString("N")[..12];
            var connectionString = PostgresServer.Instance.CreateDatabase(name);
            database = new TestDatabase(folder, new DatabaseOptions { Provider = provider, ConnectionString = connectionString }, name);
        }
        else
        {
            database = new TestDatabase(folder, new DatabaseOptions
            {
                Provider = DatabaseProvider.Sqlite,
                ConnectionString = $"Data Source={Path.Combine(folder, "monitoring.db")}",
            }, null);
        }
        if (migrate)
            new SchemaMigrator(database.Database).Migrate();
        return database;
    }

    public ObservationImporter Importer(TimeProvider? clock = null) =>
        new(Database, new IndicatorStore(Database), new ScopeStore(Database), new DimensionStore(Database),
            Microsoft.Extensions.Options.Options.Create(new ValidationOptions()), clock ?? TimeProvider.System);

    public BatchReverter Reverter() => new(Database, TimeProvider.System);

    public ObservationCorrector Corrector() =>
        new(Database, new IndicatorStore(Database), new ScopeStore(Database), new DimensionStore(Database),
            Microsoft.Extensions.Options.Options.Create(new ValidationOptions()), TimeProvider.System);

    /// <summary>A few indicators and scopes, enough for import and API tests.</summary>
    public async Task SeedCatalogAsync()
    {
        var indicators = new IndicatorStore(Database);
        await indicators.CreateAsync(new Indicator("PCT", "Andel uden for arbejdsmarkedet", "Share outside", IndicatorUnit.Percent,
            Direction.LowerBetter, IndicatorSource.Register, Periodicity.Yearly, 1, null, true));
        await indicators.CreateAsync(new Indicator("GRADE", "Karaktergennemsnit", null, IndicatorUnit.Grade,
            Direction.HigherBetter, IndicatorSource.Register, Periodicity.Yearly, 2, null, true));
        await indicators.CreateAsync(new Indicator("MOVES", "Fraflytninger", null, IndicatorUnit.Count,
            Direction.LowerBetter, IndicatorSource.Register, Periodicity.Quarterly, 0, null, true));
        var scopes = new ScopeStore(Database);
        await scopes.CreateAsync(new Scope("AREA-A", "Område A", ScopeKind.Area, "0901"));
        await scopes.CreateAsync(new Scope("AREA-B", "Område B", ScopeKind.Area, "0901"));
        await scopes.CreateAsync(new Scope("DK", "Hele landet", ScopeKind.Country, null));
        var dimensions = new DimensionStore(Database);
        await dimensions.CreateAsync(new Dimension("koen", "Køn", [new("kvinde", "Kvinder"), new("mand", "Mænd")]));
        await dimensions.CreateAsync(new Dimension("alder", "Alder", [new("15-29", "15–29 år"), new("30-64", "30–64 år"), new("65+", "65 år og derover")]));
    }

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Database.OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>Every row of every table as text, to prove that a failed operation changed nothing.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Database.OpenAsync();
        var lines = new List<string>();
        foreach (var table in Tables)
        {
            var rows = await connection.QueryAsync($"SELECT * FROM {table} ORDER BY 1");
            // A key's last use is bookkeeping of reads, not a write of data: left out of the comparison.
            lines.AddRange(rows.Select(r => table + ": " + string.Join("|",
                ((IDictionary<string, object?>)r).Where(c => c.Key != "last_used_at").Select(c => c.Value))));
        }
        return string.Join('\n', lines);
    }

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_postgresDatabase is not null)
            PostgresServer.Instance.DropDatabase(_postgresDatabase);
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by the OS is left for the temp cleaner rather than failing a test.
        }
    }
}
