using System.Net;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The brief checked with poppler's own tools, as a reader's PDF viewer would see it.</summary>
public class BoardBriefPdfTests
{
    private MonitoringApiFactory _api = null!;

    [OneTimeSetUp]
    public void Start() => _api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite);

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [TestCase("oesterby-nord")]
    [TestCase("vesteraa-parkerne")]
    public async Task The_brief_is_one_page_with_the_plan_every_goal_and_its_status(string slug)
    {
        var pdfinfo = SystemTool.Require("/usr/bin/pdfinfo", "poppler-utils");
        var pdftotext = SystemTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var client = _api.CreateClient();
        var response = await client.GetAsync($"/api/v1/plans/{slug}/brief.pdf");
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/pdf"));
        var file = Path.Combine(_api.Database.Folder, $"{slug}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        TestContext.AddTestAttachment(file, $"Board brief for {slug}");

        var info = SystemTool.Run(pdfinfo, file);
        var text = SystemTool.Run(pdftotext, "-layout", file, "-");

        Assert.That(info, Does.Match(@"Pages:\s+1\b"));
        Assert.That(info, Does.Contain("A4").Or.Contain("595"));
        var plan = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/plans/{slug}")).RootElement;
        Assert.That(Flatten(text), Does.Contain(Flatten(plan.GetProperty("name").GetString()!)));
        var status = JsonDocument.Parse(await client.GetStringAsync($"/api/v1/plans/{slug}/status")).RootElement;
        foreach (var goal in status.GetProperty("goals").EnumerateArray())
        {
            Assert.That(Flatten(text), Does.Contain(Flatten(goal.GetProperty("title").GetString()!)));
            var danish = goal.GetProperty("status").GetString() switch
            {
                "achieved" => "nået",
                "onTrack" => "på sporet",
                "atRisk" => "i risiko",
                "offTrack" => "ikke på sporet",
                _ => "for få data",
            };
            Assert.That(text, Does.Contain(danish));
        }
        Assert.That(text, Does.Contain("Sager til bestyrelsen"));
    }

    [Test]
    public async Task A_survey_share_in_the_brief_carries_its_interval()
    {
        var pdftotext = SystemTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var file = Path.Combine(_api.Database.Folder, "interval.pdf");
        await File.WriteAllBytesAsync(file, await _api.CreateClient().GetByteArrayAsync("/api/v1/plans/oesterby-nord/brief.pdf"));

        var text = Flatten(SystemTool.Run(pdftotext, file, "-"));

        // Solhaven's safety share 2023: 198 of 260, Wilson 95 % 70,6–80,9 %.
        Assert.That(text, Does.Contain(Flatten("76,2 % (2023, 95 %: 70,6–80,9 %)")));
    }

    [Test]
    public async Task An_unknown_plan_and_a_bad_as_of_are_problems()
    {
        var client = _api.CreateClient();

        await ProblemJson.ReadAsync(await client.GetAsync("/api/v1/plans/nowhere/brief.pdf"), HttpStatusCode.NotFound);
        await ProblemJson.ReadAsync(await client.GetAsync("/api/v1/plans/oesterby-nord/brief.pdf?asOf=later"), HttpStatusCode.BadRequest);
    }

    /// <summary>pdftotext breaks long titles over lines; compare words only.</summary>
    private static string Flatten(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
