using Dapper;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Data;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SchemaMigratorTests(DatabaseProvider provider)
{
    [Test]
    public async Task A_fresh_database_gets_every_script_and_the_schema_tables()
    {
        await using var test = TestDatabase.Create(provider, migrate: false);

        var applied = new SchemaMigrator(test.Database).Migrate();

        var scripts = Directory.GetFiles(test.Database.ScriptsFolder, "*.sql").Length;
        Assert.That(applied, Has.Count.EqualTo(scripts));
        Assert.That(await test.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task Running_the_migrations_again_applies_nothing()
    {
        await using var test = TestDatabase.Create(provider);

        var applied = new SchemaMigrator(test.Database).Migrate();

        Assert.That(applied, Is.Empty);
    }

    [Test]
    public async Task A_script_edited_after_it_was_applied_is_refused_with_a_clear_message()
    {
        await using var test = TestDatabase.Create(provider, migrate: false);
        var scripts = Path.Combine(test.Folder, "sql");
        CopyScripts(test.Database.ScriptsFolder, Path.Combine(scripts, Dialect));
        var options = new DatabaseOptions { Provider = provider, ConnectionString = test.Options.ConnectionString, ScriptsFolder = scripts };
        new SchemaMigrator(new MonitoringDatabase(options)).Migrate();
        var first = Directory.GetFiles(Path.Combine(scripts, Dialect), "*.sql").Order().First();
        await File.AppendAllTextAsync(first, "\n-- an innocent-looking edit\nCREATE TABLE sneaky (id INTEGER);\n");

        var error = Assert.Throws<SchemaMigrationException>(() => new SchemaMigrator(new MonitoringDatabase(options)).Migrate());

        Assert.That(error!.Message, Does.Contain("never be edited"));
        Assert.That(error.Message, Does.Contain("checksum").IgnoreCase.Or.Contain("V0001").IgnoreCase);
        await using var connection = await test.Database.OpenAsync();
        Assert.That(async () => await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM sneaky"),
            Throws.Exception, "the edited script must not run");
    }

    [Test]
    public async Task A_new_script_is_applied_on_the_next_start()
    {
        await using var test = TestDatabase.Create(provider, migrate: false);
        var scripts = Path.Combine(test.Folder, "sql");
        CopyScripts(test.Database.ScriptsFolder, Path.Combine(scripts, Dialect));
        var options = new DatabaseOptions { Provider = provider, ConnectionString = test.Options.ConnectionString, ScriptsFolder = scripts };
        new SchemaMigrator(new MonitoringDatabase(options)).Migrate();
        await File.WriteAllTextAsync(Path.Combine(scripts, Dialect, "V9999__extra.sql"), "CREATE TABLE extra (id INTEGER);");

        var applied = new SchemaMigrator(new MonitoringDatabase(options)).Migrate();

        Assert.That(applied, Has.Count.EqualTo(1));
        Assert.That(applied[0], Does.Contain("extra"));
    }

    private string Dialect => provider == DatabaseProvider.Postgres ? "postgres" : "sqlite";

    private static void CopyScripts(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from, "*.sql"))
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
    }
}
