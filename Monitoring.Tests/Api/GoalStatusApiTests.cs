using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// The goal engine over HTTP on the sample plans. The expected statuses come from
/// samples/tools/designed-status.json, written by the sample generator's own, independent
/// implementation of DESIGN §5 (samples/tools/check_samples.py), not by this code.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class GoalStatusApiTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private static IEnumerable<TargetEvaluationView> Targets(JsonElement goal) =>
        goal.GetProperty("targets").EnumerateArray().Select(TargetEvaluationView.From)
            .Concat(goal.GetProperty("subGoals").EnumerateArray().SelectMany(Targets));

    [Test]
    public async Task Every_sample_target_has_the_status_the_independent_reference_computed()
    {
        var designed = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Samples, "tools", "designed-status.json")))
            .RootElement.GetProperty("targets").EnumerateArray()
            .Select(t => (Indicator: t.GetProperty("indicator").GetString()!, Scope: t.GetProperty("scope").GetString()!, Status: t.GetProperty("status").GetString()!))
            .ToList();
        var actual = new List<(string Indicator, string Scope, string Status)>();
        foreach (var plan in (await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans")).EnumerateArray())
        {
            var status = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{plan.GetProperty("slug").GetString()}/status");
            actual.AddRange(status.GetProperty("goals").EnumerateArray().SelectMany(Targets).Select(t => (t.Indicator, t.Scope, t.Status)));
        }

        Assert.That(designed, Has.Count.GreaterThanOrEqualTo(10));
        Assert.That(actual, Is.EquivalentTo(designed));
    }

    [Test]
    public async Task Goals_come_in_the_boards_order_with_scores_counts_and_explanations()
    {
        var status = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/status");

        var goals = status.GetProperty("goals").EnumerateArray().ToList();
        var scores = goals.Select(g => g.GetProperty("score")).Where(s => s.ValueKind == JsonValueKind.Number).Select(s => s.GetDouble()).ToList();
        Assert.That(scores, Is.Ordered, "lowest score first");
        Assert.That(status.GetProperty("needsAction").EnumerateArray().Select(k => k.GetString()),
            Is.EqualTo(goals.Where(g => g.GetProperty("needsAction").GetBoolean()).Select(g => g.GetProperty("key").GetString())));
        foreach (var target in goals.SelectMany(Targets).Where(t => t.Status != "insufficientData"))
        {
            Assert.That(target.Explanation, Does.Contain("målet er").And.Contain("Status:"), target.Indicator);
            // Names from metadata, not codes; the latest period, not "nu"; the straight-line value.
            Assert.That(target.Explanation, Does.Not.Contain(target.Scope).And.Not.Contain(target.Indicator), target.Indicator);
            Assert.That(target.Explanation, Does.Contain("På en lige linje fra baseline til målet").And.Not.Contain(" nu."), target.Indicator);
            Assert.That(target.Json.GetProperty("decidedBy").ValueKind, Is.EqualTo(JsonValueKind.String));
            Assert.That(target.Json.GetProperty("progress").ValueKind, Is.EqualTo(JsonValueKind.Number));
            Assert.That(target.Json.GetProperty("series").GetArrayLength(), Is.GreaterThan(1));
        }
    }

    [Test]
    public async Task As_of_an_earlier_period_reproduces_the_picture_the_board_saw_then()
    {
        var now = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/status");
        var then = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/status?asOf=2021");

        Assert.That(then.GetProperty("asOf").GetString(), Is.EqualTo("2021"));
        var latestThen = then.GetProperty("goals").EnumerateArray().SelectMany(Targets)
            .Select(t => t.Json.GetProperty("latest")).Where(l => l.ValueKind == JsonValueKind.Object)
            .Select(l => l.GetProperty("period").GetString()!).ToList();
        Assert.That(latestThen, Is.Not.Empty);
        Assert.That(latestThen.All(p => string.CompareOrdinal(p, "2021") <= 0), Is.True, string.Join(",", latestThen));
        Assert.That(then.ToString(), Is.Not.EqualTo(now.ToString()));
    }

    [Test]
    public async Task One_target_is_evaluated_with_its_series_statistics_and_explanation()
    {
        var status = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/status");
        var id = status.GetProperty("goals").EnumerateArray().SelectMany(Targets).First(t => t.Status != "insufficientData").Id;

        var evaluation = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/targets/{id}/evaluation");

        Assert.That(evaluation.GetProperty("targetId").GetInt64(), Is.EqualTo(id));
        Assert.That(evaluation.GetProperty("mannKendall").GetProperty("method").GetString(), Is.AnyOf("exact", "normalApproximation", "notTestable"));
        Assert.That(evaluation.GetProperty("theilSen").GetProperty("slope").ValueKind, Is.EqualTo(JsonValueKind.Number));
        Assert.That(evaluation.GetProperty("explanationEn").GetString(), Does.Contain("target"));
    }

    [Test]
    public async Task The_framework_check_names_the_goal_without_indicators_and_the_uninfluenceable_target()
    {
        var warnings = await _client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/checks");

        var codes = warnings.EnumerateArray().Select(w => w.GetProperty("code").GetString()).ToList();
        Assert.That(codes, Does.Contain("noMeasurableIndicator").And.Contain("notInfluenceable"));
        Assert.That(warnings.EnumerateArray().All(w => w.GetProperty("messageDa").GetString()!.Length > 20), Is.True);
    }

    [Test]
    public async Task Status_is_served_as_csv_one_row_per_target()
    {
        var csv = await _client.GetStringAsync("/api/v1/plans/vesteraa-parkerne/status?format=csv&dialect=da");

        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines[0], Does.StartWith("plan;mål;måltitel;målscore;målstatus;succeskriterium-id;indikator;område"));
        Assert.That(lines.Skip(1), Has.All.StartWith("vesteraa-parkerne;"));
        // Danish status words and ja/nej, never the API's enum names or True/False.
        Assert.That(csv, Does.Not.Contain("offTrack").And.Not.Contain("onTrack").And.Not.Contain("True").And.Not.Contain("False"));
        Assert.That(lines.Skip(1).Select(l => l.Split(';')[9]), Has.All.AnyOf("nået", "på sporet", "i risiko", "ikke på sporet", "for få data"));
        Assert.That(lines.Skip(1).Select(l => l.Split(';')[10]), Has.All.AnyOf("ja", "nej"));
    }

    [TestCase("/api/v1/plans/oesterby-nord/status?asOf=2021Q9", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/targets/1/evaluation?asOf=soon", HttpStatusCode.BadRequest)]
    [TestCase("/api/v1/plans/no-such-plan/status", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/targets/99999/evaluation", HttpStatusCode.NotFound)]
    [TestCase("/api/v1/plans/no-such-plan/checks", HttpStatusCode.NotFound)]
    public async Task Bad_requests_are_problems(string url, HttpStatusCode expected)
    {
        var problem = await ProblemJson.ReadAsync(await _client.GetAsync(url), expected);

        if (expected == HttpStatusCode.BadRequest)
            Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo("asOf"));
    }

    private sealed record TargetEvaluationView(long Id, string Indicator, string Scope, string Status, string Explanation, JsonElement Json)
    {
        public static TargetEvaluationView From(JsonElement t) => new(
            t.GetProperty("targetId").GetInt64(), t.GetProperty("indicatorCode").GetString()!, t.GetProperty("scopeCode").GetString()!,
            t.GetProperty("status").GetString()!, t.GetProperty("explanationDa").GetString()!, t);
    }
}
