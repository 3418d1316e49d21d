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
