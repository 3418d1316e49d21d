using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Monitoring.Core.Model;
using Monitoring.Core.Statistics;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>Respondent files over HTTP: aggregates appear as observations with intervals; respondents never come back.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SurveysApiTests(DatabaseProvider provider)
{
    static SurveysApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private const string Definition = """
        {
          "name": "Tryghed i testområdet",
          "attributes": [{ "column": "Alder", "dimension": "alder" }, { "column": "Køn", "dimension": "koen" }],
          "crossings": [["alder", "koen"]],
          "questions": [{ "column": "Tryg", "indicator": "SURVEY", "positive": ["meget tryg", "tryg"], "negative": ["utryg"], "excluded": ["ved ikke"] }]
        }
        """;

    /// <summary>
    /// 85 respondents in Område A, 2023, as Danish Excel writes them. The crossing 65+ × kvinde rests on 3
    /// answers; 65+ has 9 "tryg" of 13 (a complement of 4).
    /// </summary>
    private static byte[] RespondentFile(bool corrected = false)
    {
        var csv = new StringBuilder("Løbenummer;Boligområde;Bølge;Alder;Køn;Tryg\n");
        var id = 0;
        void Add(string age, string gender, int safe, int unsafeCount)
        {
            for (var i = 0; i < safe + unsafeCount; i++)
                csv.Append($"R{++id};Område A;2023;{age};{gender};{(i < safe ? (i % 2 == 0 ? "Tryg" : "meget tryg") : "utryg")}\n");
        }
        Add("15-29", "kvinde", 12, 8);
        Add("15-29", "mand", 10, 10);
        Add("30-64", "Kvinder", 8, 7);
        Add("30-64", "mand", 9, 6);
        Add("65+", "kvinde", 2, 1);
        // The corrected file keeps only the three 65+ women: 65+ is withheld, and with it a second age group.
        if (!corrected)
            Add("65+", "mand", 7, 3);
        csv.Append("R900;Område A;2023;65+;mand;ved ikke\nR901;Område A;2023;;;\n");
        return Encoding.GetEncoding(1252).GetBytes(csv.ToString());
    }

    private static async Task<MonitoringApiFactory> StartWithSurveyAsync(DatabaseProvider provider)
    {
        var api = await MonitoringApiFactory.StartAsync(provider);
        await new IndicatorStore(api.Database.Database).CreateAsync(new Indicator("SURVEY", "Andel der føler sig tryg", null, IndicatorUnit.Percent,
            Direction.HigherBetter, IndicatorSource.Survey, Periodicity.Irregular, 1, null, true));
        var put = await api.AdminClient().PutAsync("/api/v1/surveys/test", new StringContent(Definition, Encoding.UTF8, "application/json"));
        Assert.That(put.StatusCode, Is.EqualTo(HttpStatusCode.OK), await put.Content.ReadAsStringAsync());
        return api;
    }

    [Test]
    public async Task A_respondent_file_becomes_shares_with_wilson_intervals_and_suppression_across_the_crossing()
    {
        await using var api = await StartWithSurveyAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(), "tryghed.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("respondents").GetInt32(), Is.EqualTo(85));
        Assert.That(report.GetProperty("suppressed").GetInt32(), Is.EqualTo(4));
        Assert.That(report.GetProperty("format").GetString(), Does.Contain("windows-1252"));
        var observations = (await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/observations?indicator=SURVEY&limit=100"))
            .GetProperty("items").EnumerateArray().ToDictionary(o => o.GetProperty("subgroup").GetString()!);

        // Total: 48 of 83 valid answers ("ved ikke" and the blank left out).
        var total = observations[""];
        var wilson = Proportions.Wilson(48, 83);
        Assert.That(total.GetProperty("value").GetDouble(), Is.EqualTo(57.8));
        Assert.That((total.GetProperty("numerator").GetDouble(), total.GetProperty("denominator").GetDouble()), Is.EqualTo((48.0, 83.0)));
        Assert.That(total.GetProperty("lower").GetDouble(), Is.EqualTo(wilson.Lower * 100).Within(0.006));
        Assert.That(total.GetProperty("upper").GetDouble(), Is.EqualTo(wilson.Upper * 100).Within(0.006));
        // 65+ × kvinde rests on 3; its row and its column each lose one more, and then the 30-64 row is whole again.
        Assert.That(observations.Keys.Where(k => k.Contains('&')), Is.EquivalentTo(new[] { "alder:15-29&koen:kvinde", "alder:15-29&koen:mand" }));
        // 65+: 9 of 13, a complement of 4: the share and interval are shown, the counts are not.
        var old = observations["alder:65+"];
        Assert.That(old.GetProperty("value").GetDouble(), Is.EqualTo(69.2));
        Assert.That(old.GetProperty("numerator").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(old.GetProperty("denominator").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(old.GetProperty("lower").GetDouble(), Is.EqualTo(Proportions.Wilson(9, 13).Lower * 100).Within(0.006));

        var csv = await api.AdminClient().GetStringAsync("/api/v1/observations?indicator=SURVEY&subgroup=&format=csv");
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[1], Does.StartWith($"SURVEY,AREA-A,2023,,57.8,48,83,{Math.Round(wilson.Lower * 100, 2).ToString(System.Globalization.CultureInfo.InvariantCulture)},"));
    }

    [Test]
    public async Task The_shares_are_an_ordinary_batch_that_reverts_and_the_respondents_never_come_back()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var client = api.AdminClient();

        var response = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(), "tryghed.csv"));
        var body = await response.Content.ReadAsStringAsync();
        var survey = await client.GetStringAsync("/api/v1/surveys/test");
        var swagger = await client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), body);
        Assert.That(await api.Database.CountAsync("survey_respondents"), Is.EqualTo(85));
        Assert.That(JsonDocument.Parse(survey).RootElement.GetProperty("respondentsByWave").GetProperty("2023").GetInt32(), Is.EqualTo(85));
        foreach (var text in new[] { body, survey })
            Assert.That(text, Does.Not.Contain("R17").And.Not.Contain("\"answers\""));
        Assert.That(swagger, Does.Not.Contain("\"answers\"").And.Not.Contain("respondentId").And.Not.Contain("Respondent\""));
        var batch = response.Headers.Location!.ToString();
        Assert.That((await client.GetFromJsonAsync<JsonElement>(batch)).GetProperty("source").GetString(), Is.EqualTo("survey:test"));

        var again = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(), "tryghed.csv"));
        Assert.That((await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString(), Is.EqualTo("alreadyImported"));
    }

    [Test]
    public async Task A_corrected_file_withdraws_the_shares_it_now_withholds_and_keeps_them_in_the_history()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var client = api.AdminClient();
        async Task<Dictionary<string, JsonElement>> CurrentAsync() =>
            (await client.GetFromJsonAsync<JsonElement>("/api/v1/observations?indicator=SURVEY&area=AREA-A&limit=100"))
            .GetProperty("items").EnumerateArray().ToDictionary(o => o.GetProperty("subgroup").GetString()!);
        var first = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(), "tryghed.csv"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var before = await CurrentAsync();
        Assert.That(before.Keys, Does.Contain("alder:65+").And.Contain("alder:30-64"));

        var second = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(corrected: true), "tryghed-rettet.csv"));

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.Created), await second.Content.ReadAsStringAsync());
        var after = await CurrentAsync();
        Assert.That(after.Keys, Does.Not.Contain("alder:65+").And.Not.Contain("alder:30-64"));
        // What is left is all from the corrected file: the total rests on the 73 valid answers now.
        Assert.That(after[""].GetProperty("denominator").GetDouble(), Is.EqualTo(73));
        var gone = before.Keys.Except(after.Keys).ToList();
        var batch = await client.GetFromJsonAsync<JsonElement>(second.Headers.Location!.ToString());
        Assert.That(batch.GetProperty("withdrawn").GetInt32(), Is.EqualTo(gone.Count));
        Assert.That(await api.Database.CountAsync("observation_history"), Is.GreaterThanOrEqualTo(gone.Count));

        // Undoing the correction brings the withdrawn shares back: the history kept them.
        var revert = await client.PostAsync($"/api/v1/imports/{batch.GetProperty("id").GetInt64()}/revert", null);
        Assert.That(revert.IsSuccessStatusCode, Is.True, await revert.Content.ReadAsStringAsync());
        Assert.That((await CurrentAsync()).Keys, Is.EquivalentTo(before.Keys));
    }

    [Test]
    public async Task A_quarterly_wave_of_an_indicator_with_yearly_waves_is_refused_naming_the_wave_and_the_periodicity()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var client = api.AdminClient();
        var first = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile(), "tryghed.csv"));
        Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Created), await first.Content.ReadAsStringAsync());
        var stored = await api.Database.CountAsync("observations");
        var quarterly = Encoding.UTF8.GetBytes(string.Concat(
            ["respondent,område,bølge,alder,køn,tryg\n", .. Enumerable.Range(1, 12).Select(i => $"Q{i},AREA-A,2026-K2,15-29,kvinde,{(i % 3 == 0 ? "utryg" : "tryg")}\n")]));

        var response = await client.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(quarterly, "kvartal.csv"));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var message = problem.GetProperty("errors")[0].GetProperty("message").GetString();
        Assert.That(message, Does.Contain("Bølgen 2026K2 er et kvartal, men SURVEY har hidtil bølger pr. år (2023)"));
        Assert.That(await api.Database.CountAsync("observations"), Is.EqualTo(stored));
    }

    [Test]
    public async Task A_misspelt_answer_or_unknown_area_rejects_the_file_in_danish_and_writes_nothing()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var file = Encoding.UTF8.GetBytes("respondent,område,bølge,alder,køn,tryg\n1,AREA-A,2023,15-29,kvinde,trygg\n2,Område Q,2023,15-29,mand,tryg\n");

        var response = await api.AdminClient().PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(file));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var messages = problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.That(messages, Has.Some.Contains("mente du 'tryg'"));
        Assert.That(messages, Has.Some.Contains("Ukendt område 'Område Q'"));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
        Assert.That(await api.Database.CountAsync("survey_respondents"), Is.Zero);
    }

    [Test]
    public async Task A_spreadsheet_of_respondents_is_read_and_a_dry_run_writes_nothing()
    {
        await using var api = await StartWithSurveyAsync(provider);
        object[][] rows =
        [
            ["Respondent", "Område", "År", "Alder", "Køn", "Tryg"],
            .. Enumerable.Range(1, 12).Select(i => new object[] { i, "AREA-B", 2024, i % 2 == 0 ? "15-29" : "30-64", i % 3 == 0 ? "mand" : "kvinde", i <= 8 ? "tryg" : "utryg" }),
        ];
        var workbook = Xlsx.Workbook(("Svar", Xlsx.Sheet(rows)));

        var response = await api.AdminClient().PostAsync("/api/v1/surveys/test/responses?dryRun=true", MonitoringApiFactory.Upload(workbook, "svar.xlsx"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("dryRun"));
        Assert.That(report.GetProperty("format").GetString(), Does.StartWith("xlsx"));
        Assert.That(report.GetProperty("respondents").GetInt32(), Is.EqualTo(12));
        Assert.That(report.GetProperty("import").GetProperty("created").GetInt32(), Is.GreaterThan(0));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
        Assert.That(await api.Database.CountAsync("survey_respondents"), Is.Zero);
    }

    [Test]
    public async Task A_file_without_a_question_column_is_told_which_column_is_missing()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var file = Encoding.UTF8.GetBytes("respondent,område,bølge,alder,køn\n1,AREA-A,2023,15-29,kvinde\n");

        var response = await api.AdminClient().PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(file));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors")[0].GetProperty("message").GetString(), Is.EqualTo("Kolonnen 'Tryg' mangler."));
        var unknown = await api.AdminClient().PostAsync("/api/v1/surveys/nope/responses", MonitoringApiFactory.Upload(file));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task Only_analysts_and_admins_upload_respondents()
    {
        await using var api = await StartWithSurveyAsync(provider);
        var viewer = api.ClientWithKey(await api.CreateKeyAsync("viewer"));

        var response = await viewer.PostAsync("/api/v1/surveys/test/responses", MonitoringApiFactory.Upload(RespondentFile()));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}

/// <summary>The sample respondent file over HTTP onto the samples: its shares are the stored ones, unchanged.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SurveySampleApiTests(DatabaseProvider provider)
{
    [Test]
    public async Task Uploading_the_sample_respondents_changes_no_stored_share()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var file = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "surveys", "tryghed-respondenter.csv"));

        var response = await api.AdminClient().PostAsync("/api/v1/surveys/tryghed/responses", MonitoringApiFactory.Upload(file, "tryghed-respondenter.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var import = report.GetProperty("import");
        // 90 shares, less those withheld for resting on fewer than 5 answers (or giving one such away).
        Assert.That(report.GetProperty("aggregates").GetInt32(), Is.EqualTo(90));
        Assert.That((import.GetProperty("created").GetInt32(), import.GetProperty("changed").GetInt32()), Is.EqualTo((0, 0)));
        Assert.That(import.GetProperty("unchanged").GetInt32(), Is.EqualTo(90 - report.GetProperty("suppressed").GetInt32()));
        Assert.That(report.GetProperty("suppressed").GetInt32(), Is.GreaterThan(0));
    }

    [Test]
    public async Task The_evaluation_of_a_survey_target_carries_each_shares_interval()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);

        var status = await api.CreateClient().GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/status");

        var target = status.GetProperty("goals").EnumerateArray().SelectMany(Targets)
            .First(t => t.GetProperty("indicatorCode").GetString() == "TRYG_FOELER_SIG_TRYG");
        var first = target.GetProperty("series")[0];
        // Solhaven 2016: 156 of 240.
        var wilson = Proportions.Wilson(156, 240);
        Assert.That(first.GetProperty("lower").GetDouble(), Is.EqualTo(wilson.Lower * 100).Within(0.006));
        Assert.That(first.GetProperty("upper").GetDouble(), Is.EqualTo(wilson.Upper * 100).Within(0.006));
    }

    private static IEnumerable<JsonElement> Targets(JsonElement goal) =>
        goal.GetProperty("targets").EnumerateArray().Concat(goal.GetProperty("subGoals").EnumerateArray().SelectMany(Targets));
}
