using Monitoring.Bench;

// Benchmarks report ratios against a baseline measured in the same run; see bench/README.md.
var command = args.FirstOrDefault();

switch (command)
{
    case "evaluate":
        return await EvaluationBenchmark.RunAsync(FindRepositoryRoot());
    default:
        Console.WriteLine("usage: Monitoring.Bench evaluate   (the import and HTTP measures are the scripts in bench/)");
        return 2;
}

static string FindRepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Monitoring.sln")))
            return dir.FullName;
    }
    throw new InvalidOperationException("Monitoring.sln not found above the benchmark binaries.");
}
