using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Monitoring.Tests.Support;

/// <summary>
/// One throwaway PostgreSQL cluster for the whole test run, started from the Debian binaries
/// (initdb, pg_ctl) in a temporary folder on a free loopback port, and stopped at the end.
/// <c>MONITORING_TEST_POSTGRES</c> points the tests at an existing server instead. Where neither
/// is available the tests are ignored locally but fail when <c>MONITORING_REQUIRE_ALL=1</c> (CI).
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private readonly string? _folder;
    private readonly string? _pgCtl;
    private readonly string? _startOptions;

    private PostgresServer(string adminConnectionString, string? folder, string? pgCtl, string? startOptions = null)
    {
        AdminConnectionString = adminConnectionString;
        _folder = folder;
        _pgCtl = pgCtl;
        _startOptions = startOptions;
    }

    /// <summary>
    /// A cluster of its own, for a test that stops and starts the server (the shared one must stay
    /// up for the other tests). <see cref="Remove"/> stops it and deletes its folder.
    /// </summary>
    public static PostgresServer StartDedicated()
    {
        try
        {
            return StartCluster();
        }
        catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            var message = $"PostgreSQL binaries are not available for a dedicated cluster: {ex.Message}";
            if (RequireAll)
                Assert.Fail(message);
            Assert.Ignore(message + " (set MONITORING_REQUIRE_ALL=1 to make this a failure)");
            throw;
        }
    }

    /// <summary>Stops the server (fast shutdown: sessions are ended), keeping its data.</summary>
    public void StopServer()
    {
        Run(_pgCtl ?? throw new InvalidOperationException("Only a cluster started here can be stopped."),
            "stop", "-D", Path.Combine(_folder!, "data"), "-m", "fast", "-w");
    }

    /// <summary>Starts a stopped server again on the same port and data.</summary>
    public void StartServer()
    {
        Run(_pgCtl ?? throw new InvalidOperationException("Only a cluster started here can be started."),
            "start", "-D", Path.Combine(_folder!, "data"), "-l", Path.Combine(_folder!, "server.log"), "-o", _startOptions!, "-w", "-t", "60");
    }

    /// <summary>Stops a dedicated cluster (if running) and deletes it.</summary>
    public void Remove() => Stop();

    /// <summary>Connects to the maintenance database as a superuser.</summary>
    public string AdminConnectionString { get; }

    public static bool RequireAll => Environment.GetEnvironmentVariable("MONITORING_REQUIRE_ALL") == "1";

    /// <summary>The shared server, or the test is ignored (failed on CI) with the reason.</summary>
    public static PostgresServer Instance
    {
        get
        {
            try
            {
                return Shared.Value;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
            {
                var message = $"PostgreSQL is not available: {ex.Message}";
                if (RequireAll)
                    Assert.Fail(message);
                Assert.Ignore(message + " (set MONITORING_REQUIRE_ALL=1 to make this a failure)");
                throw;
            }
        }
    }

    public static bool Started => Shared.IsValueCreated;

    /// <summary>A new empty database on the server; its connection string.</summary>
    public string CreateDatabase(string name)
    {
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        command.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public void DropDatabase(string name)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        command.ExecuteNonQuery();
    }

    public static void StopShared()
    {
        if (Shared.IsValueCreated)
            Shared.Value.Stop();
    }

    private void Stop()
    {
        if (_pgCtl is null || _folder is null)
            return;
        NpgsqlConnection.ClearAllPools();
        try
        {
            Run(_pgCtl, "stop", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w");
        }
        catch (InvalidOperationException) when (_startOptions is not null)
        {
            // A dedicated cluster a test left stopped.
        }
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }

    private static PostgresServer Start()
    {
        if (Environment.GetEnvironmentVariable("MONITORING_TEST_POSTGRES") is { Length: > 0 } external)
            return new PostgresServer(external, null, null);
        return StartCluster();
    }

    private static PostgresServer StartCluster()
    {
        var bin = FindBinaries() ?? throw new InvalidOperationException(
            "initdb/pg_ctl not found under /usr/lib/postgresql/*/bin (apt-get install postgresql), and MONITORING_TEST_POSTGRES is not set.");
        var folder = Directory.CreateTempSubdirectory("monitoring-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        if (IsRoot)
            Run("chown", "-R", "postgres:postgres", folder);
        Run(Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync", "--locale=C");
        var options = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200";
        Run(Path.Combine(bin, "pg_ctl"), "start", "-D", data, "-l", Path.Combine(folder, "server.log"), "-o", options, "-w", "-t", "60");
        var connectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";
        return new PostgresServer(connectionString, folder, Path.Combine(bin, "pg_ctl"), options);
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
            return null;
        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")) && File.Exists(Path.Combine(d, "pg_ctl")))
            .OrderByDescending(d => d, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    /// <summary>Runs a PostgreSQL tool, as the postgres user when the tests run as root (initdb refuses root).</summary>
    private static void Run(string program, params string[] arguments)
    {
        var asPostgres = IsRoot && program != "chown";
        var start = new ProcessStartInfo(asPostgres ? "runuser" : program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", program })
                start.ArgumentList.Add(a);
        }
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(120_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{program} did not finish in time.");
        }
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
