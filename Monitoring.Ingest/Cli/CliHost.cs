using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Monitoring.Ingest.Hosting;
using Monitoring.Ingest.Jobs;

namespace Monitoring.Ingest.Cli;

/// <summary>
/// The host every command builds, configured as the API is: <c>appsettings.json</c> (and
/// <c>appsettings.{Environment}.json</c>) beside the binaries, then environment variables, then
/// settings on the command line (<c>--Monitoring:Jobs:WorkerCount=2</c>); <c>--connection</c> sets
/// <c>ConnectionStrings:Monitoring</c> above all of them.
/// </summary>
public static class CliHost
{
    /// <summary>
    /// The host with the shared services; <paramref name="runServer"/> decides from the configuration
    /// whether it runs a Hangfire server (<c>Monitoring:Jobs:RunServer</c>) when started.
    /// </summary>
    public static IHost Build(ParseResult parse, Option<string?> connection, Func<IConfiguration, bool> runServer)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // The settings file is copied beside the binaries, so it is found from any folder; relative
            // paths in it (data/monitoring.db) still mean the caller's working folder.
            ContentRootPath = AppContext.BaseDirectory,
            // What the command's own options did not take is configuration, as on the API's command line.
            Args = [.. parse.UnmatchedTokens],
        });
        var overrides = new Dictionary<string, string?>
        {
            [$"{JobsOptions.SectionName}:{nameof(JobsOptions.RunServer)}"] = runServer(builder.Configuration) ? "true" : "false",
        };
        if (parse.GetValue(connection) is { Length: > 0 } connectionString)
            overrides["ConnectionStrings:Monitoring"] = connectionString;
        builder.Configuration.AddInMemoryCollection(overrides);
        builder.Services.AddMonitoring(builder.Configuration);
        var host = builder.Build();
        // Checked here, not when the host starts: most commands never start it, and the worker
        // migrates the schema before it does. A bad setting stops the command naming its key.
        host.Services.GetRequiredService<IStartupValidator>().Validate();
        return host;
    }

    /// <summary>Lets a command take configuration settings after its own arguments and options.</summary>
    public static Command AcceptingSettings(this Command command)
    {
        command.TreatUnmatchedTokensAsErrors = false;
        return command;
    }
}
