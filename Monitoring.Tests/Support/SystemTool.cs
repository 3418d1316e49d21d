using System.Diagnostics;

namespace Monitoring.Tests.Support;

/// <summary>
/// Runs a system program a test needs (pdftotext, pdfinfo, chromium). Missing, the test is
/// ignored locally but fails when <c>MONITORING_REQUIRE_ALL=1</c> (CI), so nothing skips silently.
/// </summary>
public static class SystemTool
{
    public static string Require(string path, string package)
    {
        if (File.Exists(path))
            return path;
        var message = $"{path} is missing (apt-get install {package}).";
        if (PostgresServer.RequireAll)
            Assert.Fail(message);
        Assert.Ignore(message + " Set MONITORING_REQUIRE_ALL=1 to make this a failure.");
        return path;
    }

    public static string Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments)
            start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"{program} failed: {process.StandardError.ReadToEnd()}");
        return output;
    }
}
