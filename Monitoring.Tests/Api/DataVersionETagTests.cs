using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Storage;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// What a client may cache: every read that the goal engine computes carries an ETag that moves
/// when the data does (an import, a comment, a new plan) and when the question does (asOf, format).
/// The fixture has its own API over the samples because its tests import revisions.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class DataVersionETagTests(DatabaseProvider provider)
{
    private const string Plan = "oesterby-nord";
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;
    private int _revisions;

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    private static IEnumerable<JsonElement> Targets(JsonElement goal) =>
        goal.GetProperty("targets").EnumerateArray().Concat(goal.GetProperty("subGoals").EnumerateArray().SelectMany(Targets));

    /// <summary>A goal with an evaluated target, and that target.</summary>
    private async Task<(long GoalId, JsonElement Target)> GoalWithEvaluatedTargetAsync()
    {
        var status = await _client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{Plan}/status");
        foreach (var goal in status.GetProperty("goals").EnumerateArray())
        {
            var target = Targets(goal).FirstOrDefault(t => t.GetProperty("status").GetString() != "insufficientData"
                                                           && t.GetProperty("target").ValueKind == JsonValueKind.Object);
            if (target.ValueKind == JsonValueKind.Object)
                return (goal.GetProperty("id").GetInt64(), target);
        }
        throw new InvalidOperationException("The samples have no evaluated target.");
    }

    /// <summary>
    /// Imports a revision of the target's latest observation: the value moves to the target itself,
    /// so status and progress (and what is drawn) change. Each call moves it a little further so
    /// repeated calls are revisions, not the same file twice.
    /// </summary>
    private async Task ReviseLatestValueAsync(JsonElement target)
    {
        var latest = target.GetProperty("latest");
        var value = target.GetProperty("target").GetProperty("value").GetDouble() + Interlocked.Increment(ref _revisions) * 0.1;
        var row = string.Join(',',
            target.GetProperty("indicatorCode").GetString(), target.GetProperty("scopeCode").GetString(),
            latest.GetProperty("period").GetString(), value.ToString("0.###", CultureInfo.InvariantCulture), "", "",
            target.GetProperty("subgroup").GetString());
        var response = await _api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(row)));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<HttpResponseMessage> GetAsync(string url, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (ifNoneMatch is not null)
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        return await _client.SendAsync(request);
    }

    private static string ETag(HttpResponseMessage response)
    {
        Assert.That(response.Headers.ETag, Is.Not.Null, $"{response.RequestMessage!.RequestUri} carries an ETag");
        return response.Headers.ETag!.ToString();
    }

    [Test]
    public async Task A_goal_chart_changes_its_etag_and_its_image_after_an_import_that_revises_one_of_its_targets()
    {
        var (goalId, target) = await GoalWithEvaluatedTargetAsync();
        var url = $"/api/v1/charts/goals/{goalId}.png";
        var before = await GetAsync(url);
        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        await ReviseLatestValueAsync(target);
        var after = await GetAsync(url);

        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(ETag(after), Is.Not.EqualTo(ETag(before)));
        Assert.That(await after.Content.ReadAsByteArrayAsync(), Is.Not.EqualTo(await before.Content.ReadAsByteArrayAsync()));
    }

    [Test]
    public async Task A_goal_chart_as_of_an_earlier_period_has_another_etag()
    {
        var (goalId, _) = await GoalWithEvaluatedTargetAsync();

        var now = await GetAsync($"/api/v1/charts/goals/{goalId}.png");
        var then = await GetAsync($"/api/v1/charts/goals/{goalId}.png?asOf=2020");

        Assert.That(ETag(then), Is.Not.EqualTo(ETag(now)));
    }
}
