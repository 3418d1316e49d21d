using System.Text.Json;
using Monitoring.Core.Model;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;
using Monitoring.Ingest.Surveys;

namespace Monitoring.Ingest.Samples;

/// <summary>
/// Fills an empty database from <c>samples/</c>: indicators, subgroup dimensions, areas, plans with their goals and
/// targets, then every observation file through the ordinary importer, so the samples obey the
/// same rules as an analyst's upload; last the plans' sub-agreements and activities
/// (<c>metadata/subagreements.json</c>) when a chain store is given.
/// </summary>
public sealed class SampleLoader(
    IndicatorStore indicators, ScopeStore scopes, DimensionStore dimensions, PlanStore plans, ObservationImporter importer,
    SurveyDefinitionStore? surveys = null, ChainStore? chain = null)
{
    public async Task<SampleLoadResult> LoadIfEmptyAsync(string folder, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        if ((await plans.ListAsync(cancellationToken)).Count > 0 || (await indicators.ListAsync(cancellationToken)).Count > 0)
            return new SampleLoadResult(false, 0, 0, 0, 0);

        var indicatorFile = Read<IndicatorFile>(Path.Combine(folder, "metadata", "indicators.json"));
        foreach (var indicator in indicatorFile.Indicators)
            await indicators.CreateAsync(indicator, cancellationToken);
        var dimensionFile = Read<DimensionFile>(Path.Combine(folder, "metadata", "dimensions.json"));
        foreach (var dimension in dimensionFile.Dimensions)
            await dimensions.CreateAsync(dimension, cancellationToken);
        var areaFile = Read<AreaFile>(Path.Combine(folder, "metadata", "areas.json"));
        foreach (var area in areaFile.Areas)
            await scopes.CreateAsync(area, cancellationToken);

        // Survey definitions only: the respondent-level sample is imported on purpose (CLI or API), its
        // aggregates being the observation rows loaded below.
        var surveyPath = Path.Combine(folder, "metadata", "surveys.json");
        if (surveys is not null && File.Exists(surveyPath))
        {
            foreach (var survey in Read<SurveyFile>(surveyPath).Surveys)
            {
                var errors = SurveyDefinitionValidator.Validate(survey, indicatorFile.Indicators, dimensionFile.Dimensions);
                if (errors.Count > 0)
                    throw new InvalidDataException($"Sample survey '{survey.Code}' is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.MessageEn} ({e.Value})")));
                await surveys.SaveAsync(survey, cancellationToken);
            }
        }

        var indicatorCodes = indicatorFile.Indicators.Select(i => i.Code).ToHashSet();
        var scopeCodes = areaFile.Areas.Select(a => a.Code).ToHashSet();
        var planCount = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(folder, "plans"), "*.json").Order(StringComparer.Ordinal))
        {
            var plan = Read<PlanDefinition>(path);
            var errors = PlanDefinitionValidator.Validate(plan, indicatorCodes, scopeCodes, dimensionFile.Dimensions);
            if (errors.Count > 0)
            {
                throw new InvalidDataException(
                    $"Sample plan '{path}' is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message} ({e.Value})")));
            }
            await plans.CreateAsync(plan, "Eksempeldata", cancellationToken);
            planCount++;
        }

        var rows = 0;
        var files = 0;
        foreach (var path in Directory.GetFiles(Path.Combine(folder, "observations"), "*.csv").Order(StringComparer.Ordinal))
        {
            var report = await importer.ImportAsync(
                ImportRequest.FromFile(path, "samples", "system", dryRun: false),
                cancellationToken: cancellationToken);
            if (report.Status == ImportStatus.Rejected)
            {
                throw new InvalidDataException(
                    $"Sample file '{path}' was rejected: " +
                    string.Join("; ", report.Errors.Take(5).Select(e => $"row {e.Row} {e.Column} '{e.Value}': {e.Message}")));
            }
            log?.Invoke($"Loaded {report.Created} observations from {Path.GetFileName(path)}");
            rows += report.Created;
            files++;
        }
        if (chain is not null)
            await LoadSubAgreementsAsync(chain, Path.Combine(folder, "metadata", "subagreements.json"), cancellationToken);
        return new SampleLoadResult(true, indicatorFile.Indicators.Count, planCount, files, rows);
    }

    /// <summary>The sample sub-agreements, serving goals named by key; a key the plan lacks stops the load like any invalid sample.</summary>
    private async Task LoadSubAgreementsAsync(ChainStore chainStore, string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
            return;
        foreach (var sample in Read<SubAgreementFile>(path).SubAgreements)
        {
            var plan = await plans.FindAsync(sample.Plan, cancellationToken)
                ?? throw new InvalidDataException($"'{path}': there is no sample plan '{sample.Plan}'.");
            var goals = (await plans.GoalsAsync(plan.Id, cancellationToken)).ToDictionary(g => g.Key);
            var goalIds = sample.Goals.Select(key => goals.TryGetValue(key, out var goal)
                ? goal.Id
                : throw new InvalidDataException($"'{path}': plan '{sample.Plan}' has no goal '{key}'.")).ToList();
            // Recorded when the agreement began, so asOf a past meeting shows the chain (with today's statuses: the samples keep no older ones).
            var recordedAt = new DateTimeOffset(new DateTime(SampleStartYear(sample, path), 1, 1, 0, 0, 0, DateTimeKind.Utc));
            await chainStore.CreateSubAgreementAsync(plan.Id,
                new SubAgreementDraft(sample.Title, sample.FocusArea, sample.SteeringGroup, sample.Period, goalIds, sample.Activities), "Eksempeldata",
                recordedAt, cancellationToken);
        }
    }

    /// <summary>Finds <c>samples/</c> beside the working folder or above the binaries, so both <c>dotnet run</c> and tests find it.</summary>
    public static string? Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
            return Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "samples");
                if (Directory.Exists(Path.Combine(candidate, "metadata")))
                    return candidate;
            }
        }
        return null;
    }

    private static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), MetadataJson.Options)
                ?? throw new InvalidDataException($"'{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"'{path}' is not valid: {ex.Message}", ex);
        }
    }

    private sealed record IndicatorFile(IReadOnlyList<Indicator> Indicators);

    private sealed record AreaFile(IReadOnlyList<Scope> Areas);

    private sealed record DimensionFile(IReadOnlyList<Dimension> Dimensions);

    private sealed record SurveyFile(IReadOnlyList<SurveyDefinition> Surveys);

    /// <summary>The first year of a sample's period ("2023-2026" → 2023).</summary>
    private static int SampleStartYear(SampleSubAgreement sample, string path) =>
        int.TryParse(sample.Period.AsSpan(0, Math.Min(4, sample.Period.Length)), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var year)
            ? year
            : throw new InvalidDataException($"'{path}': sub-agreement '{sample.Title}' has period '{sample.Period}', not 'yyyy-yyyy'.");

    private sealed record SubAgreementFile(IReadOnlyList<SampleSubAgreement> SubAgreements);

    private sealed record SampleSubAgreement(
        string Plan, string Title, string? FocusArea, string SteeringGroup, string Period, IReadOnlyList<string> Goals, IReadOnlyList<ActivityDraft> Activities);
}

public sealed record SampleLoadResult(bool Loaded, int Indicators, int Plans, int Files, int Observations);
