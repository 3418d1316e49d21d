using System.Globalization;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Samples;
using Monitoring.Ingest.Surveys;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Ingest.Surveys;

/// <summary>The synthetic respondent sample aggregates to exactly the aggregated safety-survey rows of the samples.</summary>
public class SurveySampleTests
{
    [Test]
    public async Task The_respondent_sample_reproduces_every_aggregated_row_exactly()
    {
        await using var test = TestDatabase.Create(DatabaseProvider.Sqlite);
        var surveys = new SurveyDefinitionStore(test.Database);
        await new SampleLoader(new IndicatorStore(test.Database), new ScopeStore(test.Database), new DimensionStore(test.Database),
            new PlanStore(test.Database), test.Importer(), surveys).LoadIfEmptyAsync(RepositoryPaths.Samples);
        var definition = (await surveys.FindAsync("tryghed"))!;
        var catalog = new ImportCatalog(await new IndicatorStore(test.Database).ListAsync(), await new ScopeStore(test.Database).ListAsync(),
            await new DimensionStore(test.Database).ListAsync());

        RespondentFile file;
        await using (var content = File.OpenRead(Path.Combine(RepositoryPaths.Samples, "surveys", "tryghed-respondenter.csv")))
            file = RespondentFileReader.Read(content, ImportOptions.Detect, definition, catalog);
        var aggregates = SurveyAggregation.Aggregate(definition, file.Respondents)
            .Select(a => string.Join(',', a.Indicator, a.Area, a.Wave, a.Percent(1).ToString("0.0", CultureInfo.InvariantCulture), a.Positive, a.Valid, a.Subgroup));
        var rows = File.ReadAllLines(Path.Combine(RepositoryPaths.Samples, "observations", "survey-tryghed.csv")).Skip(1);

        Assert.That(file.Errors, Is.Empty, () => string.Join("; ", file.Errors.Select(e => $"{e.Row} {e.Column}: {e.MessageEn}")));
        Assert.That(file.Respondents.Select(r => r.Wave.Year).Distinct(), Is.EquivalentTo(new[] { 2016, 2019, 2023 }));
        Assert.That(aggregates, Is.EquivalentTo(rows));
    }
}
