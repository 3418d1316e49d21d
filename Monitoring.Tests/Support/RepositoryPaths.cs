namespace Monitoring.Tests.Support;

/// <summary>Where the repository and the built API are, found from the test binaries.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>The API's own build output, in the configuration the tests were built in.</summary>
    public static string ApiBinaries
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(Root, "Monitoring.Api", "bin", configuration, "net10.0");
        }
    }

    /// <summary>The ingest tool's build output (the worker), in the configuration the tests were built in.</summary>
    public static string IngestBinaries
    {
        get
        {
            var configuration = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;
            return Path.Combine(Root, "Monitoring.Ingest", "bin", configuration, "net10.0");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
                return dir.FullName;
        }
        throw new InvalidOperationException($"Monitoring.sln not found above {AppContext.BaseDirectory}.");
    }
}
