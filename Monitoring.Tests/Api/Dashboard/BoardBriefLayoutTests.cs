using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>
/// The brief under load: a plan with 8 goals × 4 targets and long decisions and notes from the
/// secretariat still makes exactly one A4 page, and no two lines of text share space on it
/// (checked from the word boxes poppler reads, as a PDF viewer would place them).
/// </summary>
public class BoardBriefLayoutTests
{
    private const string Slug = "stor-plan";
    private static readonly string LongDecision =
        "Bestyrelsen bedes tage stilling til, om jobindsatsen skal flyttes fra de tre nuværende aktiviteter til en fælles " +
        "jobcafé med kommunens jobcenter, fordi aktiviteterne efter to år ikke har bragt andelen uden for arbejdsmarkedet " +
        "tættere på målet i samarbejdsaftalen, og om de frigjorte timer skal bruges på opsøgende arbejde blandt unge " +
        "mellem 18 og 29 år, som hverken er i job eller uddannelse, herunder en styrket brobygning til erhvervsskolerne.";

    private MonitoringApiFactory _api = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        _admin = _api.AdminClient();
        var rows = new List<string>();
        for (var year = 2016; year <= 2021; year++)
        {
            var i = year - 2016;
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"PCT,AREA-A,{year},{40 - i:0.0},,,"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"PCT,AREA-B,{year},{30 + i:0.0},,,"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"GRADE,AREA-A,{year},{6 + 0.2 * i:0.00},,,"));
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"GRADE,AREA-B,{year},{7 - 0.05 * i:0.00},,,"));
        }
        var upload = await _admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader([.. rows])));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        var plan = new
        {
            slug = Slug, name = "Helhedsplan Storparken og Omegn", municipalityCode = "0901", fundingPeriod = "2019-2026",
            areas = new[] { "AREA-A", "AREA-B" },
            goals = Enumerable.Range(1, 8).Select(g => new
            {
                key = $"M{g}",
                title = $"Mål {g}: Flere beboere i job og uddannelse gennem en koordineret indsats på tværs af boligområderne",
                targets = new object[]
                {
                    new { indicator = "PCT", scope = "AREA-A", baselinePeriod = "2016", baselineValue = 40.0, targetPeriod = "2026", targetValue = 30.0 + g },
                    new { indicator = "PCT", scope = "AREA-B", baselinePeriod = "2016", baselineValue = 30.0, targetPeriod = "2026", targetValue = 25.0 },
                    new { indicator = "GRADE", scope = "AREA-A", baselinePeriod = "2016", baselineValue = 6.0, targetPeriod = "2026", targetValue = 6.5 + 0.1 * g },
                    new { indicator = "GRADE", scope = "AREA-B", baselinePeriod = "2016", baselineValue = 7.0, targetPeriod = "2026", targetValue = 8.0 },
                },
            }).ToArray(),
        };
        var created = await _admin.PostAsJsonAsync("/api/v1/plans", plan);
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var goals = await _admin.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{Slug}/goals");
        var types = new[] { "strategisk", "samarbejde", "prioritering" };
        var n = 0;
        foreach (var goal in goals.EnumerateArray())
        {
            var id = goal.GetProperty("id").GetInt64();
            await Post(new { text = "Sekretariatet noterer, at opgørelsen er ændret i 2020, så tallene før og efter ikke er helt sammenlignelige, og at " + LongDecision, goalId = id, author = "Sekretariatet" });
            await Post(new { text = "Bestyrelsen bedes drøfte samarbejdet med jobcentret.", goalId = id, author = "Sekretariatet", decisionType = types[(n + 1) % 3] });
            await Post(new { text = LongDecision, goalId = id, author = "Sekretariatslederen", kind = "decision", decisionType = types[n % 3] });
            n++;
        }
    }

    [OneTimeTearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [TestCase("")]
    [TestCase("?asOf=2019")]
    [TestCase("?nextMeeting=2027-03-12")]
    public async Task Eight_goals_with_four_targets_and_long_comments_make_one_page_with_no_text_on_other_text(string query)
    {
        var file = await Brief(query);

        var info = SystemTool.Run(SystemTool.Require("/usr/bin/pdfinfo", "poppler-utils"), file);
        Assert.That(info, Does.Match(@"Pages:\s+1\b"));
        var lines = PdfWordBoxes.Lines(file);
        var overlapping = PdfWordBoxes.Overlapping(lines);
        Assert.That(overlapping.Select(p => $"'{p.A.Text}' ({p.A.YMin:0.0}–{p.A.YMax:0.0}) × '{p.B.Text}' ({p.B.YMin:0.0}–{p.B.YMax:0.0})"), Is.Empty);
        Assert.That(lines.Max(l => l.YMax), Is.LessThanOrEqualTo(842 - 30), "text stays inside the bottom margin");
        Assert.That(lines.Min(l => l.XMin), Is.GreaterThanOrEqualTo(30));
        Assert.That(lines.Max(l => l.XMax), Is.LessThanOrEqualTo(595 - 30));
    }

    [Test]
    public async Task Matters_for_the_board_carry_the_decision_asked_and_its_type_and_the_rest_is_counted()
    {
        var text = Flatten(await Text(await Brief("?nextMeeting=2027-03-12")));

        Assert.That(text, Does.Contain("Sager til bestyrelsen"));
        Assert.That(text, Does.Contain("Bestyrelsen bedes"));
        Assert.That(text, Does.Contain("Strategisk spørgsmål:").Or.Contain("Samarbejdsspørgsmål:").Or.Contain("Prioriteringsspørgsmål:"));
        Assert.That(text, Does.Contain("Det går godt"));
        Assert.That(text, Does.Contain("Næste bestyrelsesmøde: 12. marts 2027"));
        Assert.That(text, Does.Contain("seneste målinger: 2021"));
        Assert.That(text, Does.Match(@"\+ \d+ (mål|sager|indikatorer|indikator|sag) mere"), "what does not fit is counted, not dropped in silence");
    }

    [Test]
    public async Task Staleness_is_judged_at_as_of_not_today()
    {
        // Data through 2021 are stale against today (2026 or later) but were fresh in 2021.
        var today = Flatten(await Text(await Brief("")));
        var then = Flatten(await Text(await Brief("?asOf=2021")));

        Assert.That(today, Does.Contain("forældede data").IgnoreCase);
        Assert.That(then, Does.Not.Contain("forældede data").IgnoreCase);
        Assert.That(then, Does.Contain("data til og med 2021"));
    }

    [TestCase("2027-13-01")]
    [TestCase("12-03-2027")]
    [TestCase("٢٠٢٧-03-12")]
    public async Task A_bad_next_meeting_date_is_a_problem_naming_the_parameter(string value)
    {
        var problem = await ProblemJson.ReadAsync(
            await _admin.GetAsync($"/api/v1/plans/{Slug}/brief.pdf?nextMeeting={Uri.EscapeDataString(value)}"), HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo("nextMeeting"));
    }

    private async Task Post(object body)
    {
        var response = await _admin.PostAsJsonAsync($"/api/v1/plans/{Slug}/comments", body);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
    }

    private async Task<string> Brief(string query)
    {
        var response = await _admin.GetAsync($"/api/v1/plans/{Slug}/brief.pdf{query}");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var file = Path.Combine(_api.Database.Folder, $"brief-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        TestContext.AddTestAttachment(file, $"Board brief {query}");
        return file;
    }

    private static Task<string> Text(string file) =>
        Task.FromResult(SystemTool.Run(SystemTool.Require("/usr/bin/pdftotext", "poppler-utils"), "-layout", file, "-"));

    /// <summary>pdftotext breaks long lines; compare words only.</summary>
    private static string Flatten(string text) => string.Join(' ', text.Split((char[])[' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries));
}
