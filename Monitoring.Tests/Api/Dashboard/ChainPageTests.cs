using System.Net;
using System.Text.RegularExpressions;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The chain-of-steering page over the sample plans: goals next to the activities serving them.</summary>
public partial class ChainPageTests
{
    private MonitoringApiFactory _api = null!;

    [OneTimeSetUp]
    public void Start() => _api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite);

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [GeneratedRegex("<tr>.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex Row();

    private async Task<string> PageAsync(string url) => WebUtility.HtmlDecode(await _api.ClientWithKey(null).GetStringAsync(url));

    [Test]
    public async Task Each_sub_goal_row_shows_its_status_targets_and_the_activities_serving_it()
    {
        var page = await PageAsync("/planer/oesterby-nord/styringskaede");

        var rows = Row().Matches(page).Select(m => m.Value).ToList();
        var crime = rows.Single(r => r.Contains("M2.1 Færre domfældelser"));
        Assert.That(crime, Does.Contain("i risiko").And.Contain("Domfældelser pr. 1.000 beboere")
            .And.Contain("Gadeplansindsats").And.Contain("activity-forsinket").And.Contain("Tryghedsvandringer").And.Contain("activity-stoppet")
            .And.Contain("Milepæl: Tredje medarbejder ansat"));
        Assert.That(rows.Single(r => r.Contains("M1.1 ")), Does.Contain("Jobcafé i Solhaven").And.Not.Contain("Gadeplansindsats"));
        Assert.That(rows.Single(r => r.Contains("M4.1 ")), Does.Contain("Ingen aktiviteter"));
    }

    [Test]
    public async Task The_page_lists_sub_agreements_per_steering_group_and_the_proposals_with_their_evidence_and_the_plan_links_to_it()
    {
        var page = await PageAsync("/planer/vesteraa-parkerne/styringskaede");
        var plan = await PageAsync("/planer/vesteraa-parkerne");

        var boardGroup = Row().Matches(page).Select(m => m.Value).Single(r => r.Contains("Styregruppen for børn og unge"));
        Assert.That(Regex.Matches(boardGroup, "<td class=\"num\">(\\d+)</td>").Select(m => m.Groups[1].Value), Is.EqualTo(new[] { "3", "2", "0" }));
        Assert.That(page, Does.Contain("Strategisk spørgsmål:").And.Contain("Samarbejdsspørgsmål:").And.Contain("Prioriteringsspørgsmål:")
            .And.Contain("1 af 2 aktiviteter med Vesterå Bibliotek"));
        Assert.That(page, Does.Not.Contain("style="));
        Assert.That(plan, Does.Contain("href=\"/planer/vesteraa-parkerne/styringskaede\""));
    }

    [Test]
    public async Task The_brief_has_one_line_per_sub_agreement_with_its_activities_on_schedule_delayed_and_stopped()
    {
        var pdftotext = SystemTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var file = Path.Combine(_api.Database.Folder, "chain-brief.pdf");
        await File.WriteAllBytesAsync(file, await _api.ClientWithKey(null).GetByteArrayAsync("/api/v1/plans/oesterby-nord/brief.pdf"));

        var text = Regex.Replace(SystemTool.Run(pdftotext, file, "-"), "\\s+", " ");

        Assert.That(text, Does.Contain("Delaftaler og aktiviteter"));
        Assert.That(text, Does.Contain("Delaftale: Kriminalitetsforebyggelse og tryghed (Styregruppen for tryghed): 2 som planlagt · 1 forsinket · 1 stoppet"));
        // Sub-agreements whose activities all run as planned share one line, so they never crowd out the matters.
        Assert.That(text, Does.Contain("Som planlagt: Delaftale: Beskæftigelse (2), Delaftale: Uddannelse og livschancer (2), Delaftale: Beboerdemokrati (2)."));
    }
}
