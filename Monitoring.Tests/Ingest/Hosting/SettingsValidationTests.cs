using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Hosting;

/// <summary>A bad setting stops the start of the API or a command with a message naming the full key.</summary>
public class SettingsValidationTests
{
    private static IEnumerable<TestCaseData> BadSettings()
    {
        yield return Case("Monitoring:Database:Provider", new() { ["Monitoring:Database:Provider"] = "oracle" });
        yield return Case("Monitoring:Database:Provider must be sqlite or postgres", new() { ["Monitoring:Database:Provider"] = "7" });
        yield return Case("Monitoring:Suppression:MinCount must be at least 1", new() { ["Monitoring:Suppression:MinCount"] = "-1" });
        yield return Case("Monitoring:Validation:MaxMagnitude must be a positive finite number", new() { ["Monitoring:Validation:MaxMagnitude"] = "0" });
        yield return Case("Monitoring:Validation:MaxMagnitude must be a positive finite number", new() { ["Monitoring:Validation:MaxMagnitude"] = "Infinity" });
        yield return Case("Monitoring:Checks:MaxStrategicGoals must be at least 1", new() { ["Monitoring:Checks:MaxStrategicGoals"] = "0" });
        yield return Case("Monitoring:Proxy:KnownProxies must be IP addresses", new() { ["Monitoring:Proxy:KnownProxies:0"] = "proxy.kommune.dk" });
        yield return Case("Monitoring:Proxy:KnownProxies must be IP addresses", new() { ["Monitoring:Proxy:KnownNetworks:0"] = "10.0.0.0/99" });
        yield return Case("Monitoring:Jobs:WorkerCount must be at least 1", new() { ["Monitoring:Jobs:WorkerCount"] = "0" });
        yield return Case("Monitoring:Jobs:TimeZone 'Mars/Olympus'", new() { ["Monitoring:Jobs:TimeZone"] = "Mars/Olympus" });
        yield return Case("Monitoring:Jobs:Recurring:snapshot:Cron 'every night'", new() { ["Monitoring:Jobs:Recurring:snapshot:Cron"] = "every night" });
        yield return Case("Monitoring:Jobs:Recurring:snapshot:Cron '0 25 * * *'", new() { ["Monitoring:Jobs:Recurring:snapshot:Cron"] = "0 25 * * *" });
        yield return Case("Monitoring:Jobs:Recurring:drop:Folder", new()
        {
            ["Monitoring:Jobs:Recurring:drop:Cron"] = "*/5 * * * *",
            ["Monitoring:Jobs:Recurring:drop:Job"] = "inbox",
        });
        yield return Case("Monitoring:Jobs:Recurring:lbf:Url", new()
        {
            ["Monitoring:Jobs:Recurring:lbf:Cron"] = "0 6 * * *",
            ["Monitoring:Jobs:Recurring:lbf:Job"] = "pull",
        });
        yield return Case("Monitoring:Jobs:Recurring:board:Plan", new()
        {
            ["Monitoring:Jobs:Recurring:board:Cron"] = "0 6 1 * *",
            ["Monitoring:Jobs:Recurring:board:Job"] = "brief",
        });
        yield return Case("Monitoring:Jobs:Recurring:other:Job", new()
        {
            ["Monitoring:Jobs:Recurring:other:Cron"] = "0 6 1 * *",
            ["Monitoring:Jobs:Recurring:other:Job"] = "backup",
        });
    }

    private static TestCaseData Case(string expected, Dictionary<string, string?> settings) =>
        new TestCaseData(settings, expected).SetArgDisplayNames(expected);

    [TestCaseSource(nameof(BadSettings))]
    public async Task The_api_does_not_start_with_a_bad_setting(Dictionary<string, string?> settings, string expected)
    {
        var api = new MonitoringApiFactory(DatabaseProvider.Sqlite, anonymousRead: true, settings);
        try
        {
            var error = Assert.Catch(() => api.StartServer());

            Assert.That(Messages(error!), Does.Contain(expected));
        }
        finally
        {
            await api.DisposeAsync();
        }
    }

    [Test]
    public async Task A_command_does_not_start_with_a_bad_setting_from_the_environment()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);

        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["batches"],
            new Dictionary<string, string> { ["Monitoring__Jobs__WorkerCount"] = "0" });

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Monitoring:Jobs:WorkerCount must be at least 1"));
    }

    [Test]
    public async Task A_command_reads_settings_from_its_command_line()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);

        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["batches", "--Monitoring:Suppression:MinCount=-1"]);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("Monitoring:Suppression:MinCount must be at least 1"));
    }

    [Test]
    public async Task The_connection_option_picks_the_database()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);
        await database.SeedCatalogAsync();
        var file = Path.Combine(database.Folder, "grades.csv");
        await File.WriteAllBytesAsync(file, Csv.WithHeader("GRADE,AREA-A,2022,7,,,"));
        var elsewhere = $"Data Source={Path.Combine(database.Folder, "elsewhere.db")}";

        // The environment names the test database; --connection wins and names an empty one.
        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["import", file, "--connection", elsewhere]);

        Assert.That(exitCode, Is.EqualTo(1), output);
        Assert.That(output, Does.Contain("GRADE"), "the indicator is unknown in the other database");
        Assert.That(await database.CountAsync("import_batches"), Is.Zero);
    }

    [Test]
    public async Task Jobs_list_reads_the_schedule_from_the_settings_file_beside_the_binaries()
    {
        await using var database = TestDatabase.Create(DatabaseProvider.Sqlite);

        // No recurring job in the environment: Monitoring.Ingest/appsettings.json names the snapshot job.
        var (exitCode, output) = await WorkerProcess.RunCommandAsync(database, ["jobs", "list"]);

        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("snapshot").And.Contain("0 2 * * *"));
    }

    private static string Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
            messages.Add(e.Message);
        if (error is AggregateException aggregate)
            messages.AddRange(aggregate.Flatten().InnerExceptions.Select(e => e.Message));
        return string.Join("\n", messages);
    }
}
