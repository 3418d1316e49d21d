using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Options;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Samples;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Data;

/// <summary>
/// V0003 moves observations from one text-keyed table with an is_current flag to series-keyed
/// current values and a history. A database at the version before it, holding the samples and a
/// revision, must come out with every value, every earlier version and every status unchanged.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SeriesStorageMigrationTests(DatabaseProvider provider)
{
    private static readonly string[] UnchangedTables =
        ["scopes", "indicators", "plans", "plan_areas", "goals", "targets", "target_milestones", "import_batches"];

    [Test]
    public async Task A_database_at_the_previous_version_keeps_every_value_revision_and_status()
    {
        await using var reference = TestDatabase.Create(provider);
        await new SampleLoader(new IndicatorStore(reference.Database), new ScopeStore(reference.Database),
            new DimensionStore(reference.Database), new PlanStore(reference.Database), reference.Importer()).LoadIfEmptyAsync(RepositoryPaths.Samples);
        var (revised, before) = await ReviseOneValueAsync(reference);

        await using var old = TestDatabase.Create(provider, migrate: false);
        MigrateToPreviousVersion(old);
        await CopyInPreviousLayoutAsync(reference, old);

        var applied = new SchemaMigrator(old.Database).Migrate();

        Assert.That(applied, Has.Some.Contains("series_keyed_observations"));
        var current = await AllAsync(old, null);
        Assert.That(current, Has.Count.GreaterThan(1000), "the samples are all there");
        Assert.That(current, Is.EqualTo(await AllAsync(reference, null)));
        var asBefore = await AllAsync(old, before.BatchId);
        Assert.That(asBefore, Is.EqualTo(await AllAsync(reference, before.BatchId)));
        Assert.That(asBefore, Does.Contain(before), "as of the earlier batch, the earlier version");
        Assert.That(current, Does.Contain(revised).And.Not.Contain(before));
        foreach (var slug in (await new PlanStore(reference.Database).ListAsync()).Select(p => p.Slug))
            Assert.That(await StatusJsonAsync(old, slug), Is.EqualTo(await StatusJsonAsync(reference, slug)), slug);
    }

    /// <summary>Imports one sample value changed, so the reference holds a revision and its history.</summary>
    private static async Task<(Observation Revised, Observation Before)> ReviseOneValueAsync(TestDatabase test)
    {
        // A grade average: it has no numerator and denominator that the changed value would have to agree with.
        var page = await new ObservationQuery(test.Database).PageAsync(
            new ObservationFilter(IndicatorCode: "KARAKTER_DANSK_9", Subgroup: ""), ObservationPosition.Start, 1);
        var before = page.Single().Observation;
        var newValue = before.Value!.Value + 1.5;
        var line = string.Join(',', before.IndicatorCode, before.ScopeCode, before.Period.ToString(),
            newValue.ToString(CultureInfo.InvariantCulture), Text(before.Numerator), Text(before.Denominator), "");
        var report = await test.Importer().ImportAsync(new ImportRequest(Csv.WithHeader(line), "revision.csv", "test", "tester", false));
        Assert.That(report.Changed, Is.EqualTo(1));
        return (before with { Value = newValue, Flags = ObservationFlags.Revised, BatchId = report.BatchId!.Value }, before);
    }

    private static string Text(double? number) => number?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static void MigrateToPreviousVersion(TestDatabase test)
    {
        var scripts = Path.Combine(test.Folder, "sql");
        var dialect = Path.GetFileName(test.Database.ScriptsFolder);
        Directory.CreateDirectory(Path.Combine(scripts, dialect));
        foreach (var file in Directory.GetFiles(test.Database.ScriptsFolder, "V*.sql")
                     .Where(f => string.CompareOrdinal(Path.GetFileName(f), "V0003") < 0))
            File.Copy(file, Path.Combine(scripts, dialect, Path.GetFileName(file)));
        var options = new DatabaseOptions { Provider = test.Provider, ConnectionString = test.Options.ConnectionString, ScriptsFolder = scripts };
        Assert.That(new SchemaMigrator(new MonitoringDatabase(options)).Migrate(), Has.Count.EqualTo(2));
    }

    /// <summary>Every table V0003 leaves alone as it is; observations in the layout before it, all versions in one table.</summary>
    private static async Task CopyInPreviousLayoutAsync(TestDatabase from, TestDatabase to)
    {
        await using var source = await from.Database.OpenAsync();
        await using var target = await to.Database.OpenAsync();
        foreach (var table in UnchangedTables)
        {
            // Later migrations add columns (V0005 on import_batches): the old layout gets the ones it had.
            var columns = await ColumnsAsync(target, table);
            foreach (IDictionary<string, object?> row in await source.QueryAsync($"SELECT * FROM {table}"))
            {
                var kept = row.Where(c => columns.Contains(c.Key)).ToList();
                var parameters = new DynamicParameters();
                foreach (var (column, value) in kept)
                    parameters.Add(column, value);
                await target.ExecuteAsync(
                    $"INSERT INTO {table} ({string.Join(", ", kept.Select(c => c.Key))}) VALUES ({string.Join(", ", kept.Select(c => "@" + c.Key))})",
                    parameters);
            }
        }
        const string Versions =
            """
            SELECT s.indicator_code AS Indicator, s.scope_code AS Scope, s.subgroup AS Subgroup, v.period_start AS PeriodStart,
                   v.period_end AS PeriodEnd, v.value AS Value, v.numerator AS Numerator, v.denominator AS Denominator,
                   v.flags AS Flags, v.batch_id AS BatchId, {0} AS IsCurrent
            FROM {1} v JOIN series s ON s.id = v.series_id
            """;
        var rows = (await source.QueryAsync<OldRow>(string.Format(CultureInfo.InvariantCulture, Versions, 1, "observations")))
            .Concat(await source.QueryAsync<OldRow>(string.Format(CultureInfo.InvariantCulture, Versions, 0, "observation_history")));
        foreach (var row in rows)
        {
            await target.ExecuteAsync(
                """
                INSERT INTO observations (indicator_code, scope_code, period, period_start, period_end, subgroup,
                                          value, numerator, denominator, flags, batch_id, is_current)
                VALUES (@Indicator, @Scope, @Period, @PeriodStart, @PeriodEnd, @Subgroup,
                        @Value, @Numerator, @Denominator, @Flags, @BatchId, @IsCurrent)
                """,
                new
                {
                    row.Indicator, row.Scope, Period = Period.FromOrdinals(row.PeriodStart, row.PeriodEnd).ToString(), row.PeriodStart,
                    row.PeriodEnd, row.Subgroup, row.Value, row.Numerator, row.Denominator, row.Flags, row.BatchId, row.IsCurrent,
                });
        }
    }

    private static async Task<HashSet<string>> ColumnsAsync(System.Data.Common.DbConnection connection, string table)
    {
        await using var reader = await connection.ExecuteReaderAsync($"SELECT * FROM {table} WHERE 1 = 0");
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToHashSet(StringComparer.Ordinal);
    }

    private static async Task<List<Observation>> AllAsync(TestDatabase test, long? asOfBatch)
    {
        var rows = await new ObservationQuery(test.Database).PageAsync(
            new ObservationFilter(AsOfBatch: asOfBatch), ObservationPosition.Start, 1_000_000);
        return rows.Select(r => r.Observation)
            .OrderBy(o => o.IndicatorCode, StringComparer.Ordinal).ThenBy(o => o.ScopeCode, StringComparer.Ordinal)
            .ThenBy(o => o.Subgroup, StringComparer.Ordinal).ThenBy(o => o.Period)
            .ToList();
    }

    private static async Task<string> StatusJsonAsync(TestDatabase test, string slug)
    {
        var reader = new PlanEvaluationReader(test.Database, new PlanStore(test.Database), new IndicatorStore(test.Database),
            new SeriesQuery(test.Database, Options.Create(new SuppressionOptions())));
        var evaluation = await reader.EvaluatePlanAsync(slug, null);
        return JsonSerializer.Serialize(PlanStatusDto.From(evaluation!));
    }

    private sealed class OldRow
    {
        public string Indicator { get; set; } = "";
        public string Scope { get; set; } = "";
        public string Subgroup { get; set; } = "";
        public int PeriodStart { get; set; }
        public int PeriodEnd { get; set; }
        public double? Value { get; set; }
        public double? Numerator { get; set; }
        public double? Denominator { get; set; }
        public int Flags { get; set; }
        public long BatchId { get; set; }
        public int IsCurrent { get; set; }
    }
}
