using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Monitoring.Core.Charts;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;
using SkiaSharp;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ChartsApiTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;
    private long _targetId;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
        var status = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/plans/oesterby-nord/status")).RootElement;
        _targetId = status.GetProperty("goals").EnumerateArray().SelectMany(g => g.GetProperty("targets").EnumerateArray())
            .First(t => t.GetProperty("status").GetString() != "insufficientData").GetProperty("targetId").GetInt64();
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [Test]
    public async Task A_target_chart_is_valid_svg_with_a_title_and_description()
    {
        var response = await _client.GetAsync($"/api/v1/charts/targets/{_targetId}.svg");

        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/svg+xml"));
        var svg = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(svg.Root!.Element(ns + "title")?.Value, Is.Not.Empty);
        Assert.That(svg.Root.Element(ns + "desc")?.Value, Does.Contain("målet er"));
    }

    [Test]
    public async Task A_png_chart_decodes_at_the_asked_size_and_shows_the_target_colour()
    {
        var bytes = await _client.GetByteArrayAsync($"/api/v1/charts/targets/{_targetId}.png?width=640&height=320");

        using var bitmap = SKBitmap.Decode(bytes);
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((640, 320)));
        var target = SKColor.Parse(StatusPalette.Target);
        var found = false;
        for (var x = 0; x < bitmap.Width && !found; x++)
        {
            for (var y = 0; y < bitmap.Height && !found; y++)
            {
                var c = bitmap.GetPixel(x, y);
                found = Math.Abs(c.Red - target.Red) < 12 && Math.Abs(c.Green - target.Green) < 12 && Math.Abs(c.Blue - target.Blue) < 12;
            }
        }
        Assert.That(found, Is.True, "the target marker's colour appears in the image");
    }

    [Test]
    public async Task A_sparkline_and_an_indicator_chart_are_served()
    {
        var spark = await _client.GetAsync($"/api/v1/charts/targets/{_targetId}.png?variant=sparkline");
        var indicator = await _client.GetAsync("/api/v1/charts/indicators/TRYG_FOELER_SIG_TRYG.svg?area=0901-SOLHAVEN&benchmark=K0901");

        using var bitmap = SKBitmap.Decode(await spark.Content.ReadAsByteArrayAsync());
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((160, 40)));
        Assert.That(indicator.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        XDocument.Parse(await indicator.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task A_goal_overview_chart_shows_every_target_of_the_goal_with_its_status()
    {
        var status = JsonDocument.Parse(await _client.GetStringAsync("/api/v1/plans/oesterby-nord/status")).RootElement;
        var goal = status.GetProperty("goals").EnumerateArray().First(g => g.GetProperty("targets").GetArrayLength() > 0);

        var svg = XDocument.Parse(await _client.GetStringAsync($"/api/v1/charts/goals/{goal.GetProperty("id").GetInt64()}.svg"));
        var png = await _client.GetByteArrayAsync($"/api/v1/charts/goals/{goal.GetProperty("id").GetInt64()}.png?width=900&height=300");

        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.That(svg.Root!.Element(ns + "desc")!.Value, Does.Contain("på sporet").And.Contain("i risiko"));
        var text = string.Concat(svg.Descendants(ns + "text").Select(t => t.Value));
        var targets = goal.GetProperty("targets").GetArrayLength() + goal.GetProperty("subGoals").EnumerateArray().Sum(s => s.GetProperty("targets").GetArrayLength());
        Assert.That(text.Count(c => "★▲◆▼○".Contains(c)), Is.EqualTo(targets), "one labelled bar per target, status by symbol");
        using var bitmap = SKBitmap.Decode(png);
        Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((900, 300)));
        await ProblemJson.ReadAsync(await _client.GetAsync("/api/v1/charts/goals/99999.svg"), HttpStatusCode.NotFound);
    }

    [Test]
    public async Task Charts_carry_an_etag_and_answer_304_when_unchanged()
    {
        var first = await _client.GetAsync($"/api/v1/charts/targets/{_targetId}.svg");
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/charts/targets/{_targetId}.svg");
        request.Headers.TryAddWithoutValidation("If-None-Match", first.Headers.ETag!.ToString());

        var second = await _client.SendAsync(request);

        Assert.That(second.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
    }

    [TestCase("/api/v1/charts/targets/1.svg?width=5", "width")]
    [TestCase("/api/v1/charts/targets/1.svg?height=99999", "height")]
    [TestCase("/api/v1/charts/targets/1.gif", "format")]
    [TestCase("/api/v1/charts/targets/1.svg?variant=pie", "variant")]
    [TestCase("/api/v1/charts/indicators/TRYG_FOELER_SIG_TRYG.svg", "area")]
    public async Task Bad_chart_parameters_are_named(string url, string parameter)
    {
        var problem = await ProblemJson.ReadAsync(await _client.GetAsync(url), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
    }
}
