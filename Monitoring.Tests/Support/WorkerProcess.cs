using System.Diagnostics;
using System.Text;

namespace Monitoring.Tests.Support;

/// <summary>
/// A real worker process (<c>Monitoring.Ingest.dll worker</c>) as an operator starts it, configured by
/// environment variables; killed and removed on dispose.
/// </summary>
public sealed class WorkerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    public string Name { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    /// <summary>Starts a worker; <paramref name="name"/> becomes its Hangfire server name.</summary>
    public static WorkerProcess Start(string name, TestDatabase database, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = database.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.IngestBinaries, "Monitoring.Ingest.dll"));
        start.ArgumentList.Add("worker");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Monitoring"] = database.Options.ConnectionString;
        start.Environment["Monitoring__Database__Provider"] = database.Provider.ToString();
        start.Environment["Monitoring__Jobs__ServerName"] = name;
        start.Environment["Monitoring__Jobs__WorkerCount"] = "2";
        start.Environment["Monitoring__Jobs__QueuePollInterval"] = "00:00:00.200";
        start.Environment["Monitoring__Jobs__SchedulePollingInterval"] = "00:00:01";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var worker = new WorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.Append(e.Data);
        process.ErrorDataReceived += (_, e) => worker.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Runs a command of the ingest tool (e.g. <c>jobs run snapshot</c>) to the end; its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunCommandAsync(
        TestDatabase database, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = CommandStart(database, arguments, environment);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output + await error);
    }

    /// <summary>How a command of the ingest tool is started against the test database, its output redirected.</summary>
    public static ProcessStartInfo CommandStart(TestDatabase database, IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = database.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.IngestBinaries, "Monitoring.Ingest.dll"));
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        start.Environment["ConnectionStrings__Monitoring"] = database.Options.ConnectionString;
        start.Environment["Monitoring__Database__Provider"] = database.Provider.ToString();
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;
        return start;
    }

    /// <summary>SIGKILL: no chance to finish, release or report anything.</summary>
    public void KillHard()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: false);
        _process.WaitForExit(10_000);
    }

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
