using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Monitoring.Tests.Support;

/// <summary>
/// The npm package oidc-provider under Node on a free loopback port (Support/oidc/provider.mjs),
/// installed with <c>npm ci</c> from the lockfile the first time. Stopped by its process id.
/// </summary>
public sealed class OidcProviderProcess : IAsyncDisposable
{
    private readonly Process _process;

    private OidcProviderProcess(Process process, Uri authority)
    {
        _process = process;
        Authority = authority;
    }

    public Uri Authority { get; }

    public const string ClientId = "monitoring";
    public const string ClientSecret = "test-secret";

    public static async Task<OidcProviderProcess> StartAsync(string redirectUri)
    {
        SystemTool.Require("/usr/bin/node", "nodejs");
        var folder = Path.Combine(RepositoryPaths.Root, "Monitoring.Tests", "Support", "oidc");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "oidc-provider")))
            await RunAsync("npm", folder, "ci", "--no-audit", "--no-fund");
        var port = FreePort();
        var start = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("provider.mjs");
        start.Environment["PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["REDIRECT_URI"] = redirectUri;
        var process = Process.Start(start)!;
        var ready = new TaskCompletionSource();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.StartsWith("ready", StringComparison.Ordinal) == true)
                ready.TrySetResult();
        };
        process.ErrorDataReceived += (_, e) => TestContext.Progress.WriteLine($"oidc-provider: {e.Data}");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (await Task.WhenAny(ready.Task, Task.Delay(TimeSpan.FromSeconds(20))) != ready.Task)
        {
            process.Kill();
            throw new InvalidOperationException("The OpenID provider did not start within 20 s.");
        }
        return new OidcProviderProcess(process, new Uri($"http://127.0.0.1:{port}"));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task RunAsync(string file, string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {await output}{await error}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
