using System.Globalization;
using Monitoring.Bench;

// Benchmarks report ratios against a baseline measured in the same run; see bench/README.md.
var command = args.FirstOrDefault();
string? Option(string name) =>
    args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

switch (command)
{
    case "import":
        var connection = Option("--connection") ?? Environment.GetEnvironmentVariable("MONITORING_BENCH_POSTGRES")
            ?? throw new ArgumentException("Give --connection or MONITORING_BENCH_POSTGRES (bench/import-postgres.sh does).");
        return await ImportBenchmark.RunAsync(connection, long.Parse(Option("--rows") ?? "1000000", CultureInfo.InvariantCulture));
    case "evaluate":
        return await EvaluationBenchmark.RunAsync(FindRepositoryRoot());
    default:
        Console.WriteLine("usage: Monitoring.Bench import --connection CONNECTION_STRING [--rows N] | evaluate");
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
