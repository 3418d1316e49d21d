using System.Net;
using System.Text.RegularExpressions;
using Monitoring.Core.Statistics;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard.Surveys;

/// <summary>The target-group view over the samples: names, intervals, the significance marker, withheld groups, and its chart.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class TargetGroupsPageTests(DatabaseProvider provider)
{
    private MonitoringApiFactory _api = null!;
    private HttpClient _client = null!;

    private const string Page = "/planer/oesterby-nord/undersoegelser/TRYG_FOELER_SIG_TRYG";

    [OneTimeSetUp]
    public void Start()
    {
        _api = MonitoringApiFactory.StartWithSamples(provider);
        _client = _api.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _api.DisposeAsync();
    }

    private async Task<string> HtmlAsync(string url)
    {
        var response = await _client.GetAsync(url);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), url);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }

    private static string Row(string html, string subgroup) =>
        Regex.Match(html, $"<tr data-subgroup=\"{Regex.Escape(subgroup)}\">(.*?)</tr>", RegexOptions.Singleline).Groups[1].Value;

    private static string Percent(double share) => (share * 100).ToString("0.0", System.Globalization.CultureInfo.GetCultureInfo("da-DK")) + " %";

    [Test]
    public async Task Target_groups_are_named_with_area_and_wave_and_show_share_interval_and_significant_change()
    {
        var html = await HtmlAsync(Page + "?area=0901-SOLHAVEN&wave=2023");

        Assert.That(html, Does.Contain("<h1>Målgrupper: Andel der føler sig tryg i boligområdet – Solhaven, 2023</h1>"));
        Assert.That(html, Does.Contain("<h2>Alder – Solhaven, 2023</h2>").And.Contain("<h2>Køn – Solhaven, 2023</h2>"));
        // 15–29 år: 53 of 59 in 2023 against 46 of 63 in 2019, a significant rise.
        var young = Row(html, "alder:15-29");
        var wilson = Proportions.Wilson(53, 59);
        Assert.That(young, Does.Contain("15–29 år").And.Contain("89,8 %").And.Contain($"{Percent(wilson.Lower)}–{Percent(wilson.Upper)}"));
        Assert.That(young, Does.Contain("▲ signifikant ændring").And.Contain("73,0 %"));
        Assert.That(Row(html, "alder:30-64"), Does.Contain("ingen sikker ændring"));
        Assert.That(html, Does.Not.Match("<script(?![^>]*\\ssrc=)"), "no inline script");
        Assert.That(html, Does.Contain("/api/v1/charts/surveys/TRYG_FOELER_SIG_TRYG.svg?area=0901-SOLHAVEN&wave=2023"));
    }

    [Test]
    public async Task A_group_of_too_few_is_withheld_with_a_sibling_and_small_counts_are_not_shown()
    {
        // Kildegården 2016: 65+ rests on 3 answers; 2019: 65+ is 3 of 6 (a share shown, its counts not).
        var withheld = await HtmlAsync(Page + "?area=0901-KILDEGAARDEN&wave=2016");
        var counts = await HtmlAsync(Page + "?area=0901-KILDEGAARDEN&wave=2019");

        Assert.That(Row(withheld, "alder:65+"), Does.Contain("For få svar"));
        Assert.That(new[] { "alder:15-29", "alder:30-64" }.Count(s => Row(withheld, s).Contains("For få svar", StringComparison.Ordinal)), Is.EqualTo(1));
        var small = Row(counts, "alder:65+");
        Assert.That(small, Does.Contain("50,0 %"));
        var cells = Regex.Matches(small, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline).Select(m => m.Groups[1].Value.Trim()).ToList();
        // Målgruppe, andel, interval, n, forrige bølge (2016's 65+ was withheld), ændring.
        Assert.That(cells[3], Is.EqualTo("–"), "the count column");
        Assert.That(cells[4], Is.EqualTo("–"), "the withheld earlier value");
    }

    [Test]
    public async Task The_chart_names_indicator_area_and_wave_and_describes_each_groups_interval()
    {
        var svg = await _client.GetAsync("/api/v1/charts/surveys/TRYG_FOELER_SIG_TRYG.svg?area=0901-SOLHAVEN&wave=2023");
        var png = await _client.GetByteArrayAsync("/api/v1/charts/surveys/TRYG_FOELER_SIG_TRYG.png?area=0901-SOLHAVEN");
        var unknown = await _client.GetAsync("/api/v1/charts/surveys/TRYG_FOELER_SIG_TRYG.svg?area=0901-SOLHAVEN&wave=2010");

        Assert.That(svg.Content.Headers.ContentType!.MediaType, Is.EqualTo("image/svg+xml"));
        var text = WebUtility.HtmlDecode(await svg.Content.ReadAsStringAsync());
        Assert.That(text, Does.Contain("<title>Andel der føler sig tryg i boligområdet – Solhaven, 2023</title>"));
        Assert.That(text, Does.Contain("15–29 år 89,8 % (95 %-interval").And.Contain("signifikant ændring"));
        Assert.That(png.Take(4), Is.EqualTo(new byte[] { 0x89, 0x50, 0x4E, 0x47 }));
        Assert.That(unknown.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task The_survey_import_page_takes_a_respondent_file_and_shows_counts_never_respondents()
    {
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "surveys", "tryghed-respondenter.csv")));
        using var form = new MultipartFormDataContent
        {
            { file, "file", "tryghed-respondenter.csv" },
            { new StringContent("tryghed"), "survey" },
            { new StringContent("on"), "dryRun" },
        };

        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var blank = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync("/import/undersoegelse"));
        var response = await analyst.PostMultipartAsync("/import/undersoegelse", "/import/undersoegelse", form);

        Assert.That(blank, Does.Contain("<option value=\"tryghed\">Tryghedsundersøgelsen</option>"));
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.That(html, Does.Contain("Prøvekørsel: intet er gemt."));
        Assert.That(html, Does.Contain("<td class=\"num\">2128</td>").And.Contain("2016, 2019, 2023"));
        Assert.That(html, Does.Not.Contain("2016-SOL-0001"));
        Assert.That(await _api.Database.CountAsync("survey_respondents"), Is.Zero);
    }

    [Test]
    public async Task The_indicator_table_shows_a_survey_shares_interval_and_hides_counts_with_a_small_complement()
    {
        // The page is a Razor component: whitespace between cells is not meaning.
        var html = Regex.Replace(await HtmlAsync("/indikatorer/TRYG_FOELER_SIG_TRYG?area=0901-KILDEGAARDEN"), @">\s+<", "><");

        // Kildegården 2019, 65+: 3 of 6. Wilson 95 %: 18,8–81,2 %. "Tæller 3, n 6" would name three persons.
        Assert.That(html, Does.Contain("<th>95 %-interval</th>"));
        Assert.That(html, Does.Contain("/planer/oesterby-nord/undersoegelser/TRYG_FOELER_SIG_TRYG?area=0901-KILDEGAARDEN\">Sammenlign målgrupperne i Kildegården"));
        Assert.That(Regex.IsMatch(html, "<td>2019</td><td>Alder: 65 år og derover</td><td class=\"num\">50,0[^<]*</td><td class=\"num\">18,8–81,2</td><td class=\"num\">–</td><td class=\"num\">–</td>"), Is.True, html);
        // 30-64: 31 of 41, a complement of 10: counts shown.
        Assert.That(Regex.IsMatch(html, "<td>2019</td><td>Alder: 30–64 år</td><td class=\"num\">75,6[^<]*</td><td class=\"num\">[^<]+</td><td class=\"num\">31</td><td class=\"num\">41</td>"), Is.True);
    }
}
