using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Monitoring.Tests.Support;

/// <summary>
/// The real API process on Kestrel, started as an operator would, on a free loopback port, with
/// its own working folder; stopped and removed on dispose.
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, string workFolder, Uri baseAddress)
    {
        _process = process;
        WorkFolder = workFolder;
        BaseAddress = baseAddress;
    }

    public string WorkFolder { get; }

    public Uri BaseAddress { get; }

    public string Output
    {
        get
        {
            lock (_output)
                return _output.ToString();
        }
    }

    private bool _keepFolder;

    /// <summary>Starts the service; in <paramref name="workFolder"/> to start again where a killed one left off.</summary>
    public static async Task<ServiceProcess> StartAsync(IDictionary<string, string>? environment = null, string? workFolder = null)
    {
        var work = workFolder ?? Directory.CreateTempSubdirectory("monitoring-service-").FullName;
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var binaries = RepositoryPaths.ApiBinaries;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = work,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { Path.Combine(binaries, "Monitoring.Api.dll"), "--urls", baseAddress.ToString(), "--contentRoot", binaries })
            start.ArgumentList.Add(argument);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Monitoring"] = $"Data Source={Path.Combine(work, "data", "monitoring.db")}";
        start.Environment["Monitoring__Auth__AdminKeyFile"] = Path.Combine(work, "data", "admin.key");
        start.Environment["Monitoring__Samples__Folder"] = RepositoryPaths.Samples;
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            start.Environment[key] = value;

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var service = new ServiceProcess(process, work, baseAddress);
        process.OutputDataReceived += (_, e) => service.Append(e.Data);
        process.ErrorDataReceived += (_, e) => service.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await service.WaitUntilHealthyAsync(TimeSpan.FromSeconds(90));
        return service;
    }

    /// <summary>
    /// SIGKILL, as the kernel's OOM killer or a power cut would stop it: no shutdown code runs. The
    /// work folder is kept for a new process to start in.
    /// </summary>
    public async Task KillAsync()
    {
        _keepFolder = true;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public HttpClient Client() => new() { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    private void Append(string? line)
    {
        if (line is null)
            return;
        lock (_output)
            _output.AppendLine(line);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
                throw new InvalidOperationException($"The service exited with code {_process.ExitCode}:\n{Output}");
            try
            {
                if ((await client.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                    return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Still starting.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"The service was not healthy within {timeout}:\n{Output}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (_keepFolder)
            return;
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the temp cleaner.
        }
    }
}
