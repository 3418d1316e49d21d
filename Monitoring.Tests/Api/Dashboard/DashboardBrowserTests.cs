using Microsoft.Playwright;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium (Debian's, driven by Playwright) against the real
/// service process with the sample plans, as a board member and an analyst would use it.
/// </summary>
[NonParallelizable]
public class DashboardBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private ServiceProcess _service = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        SystemTool.Require(Chromium, "chromium");
        _service = await ServiceProcess.StartAsync();
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_service is not null)
            await _service.DisposeAsync();
    }

    /// <summary>Opens <paramref name="path"/> signed in as a new analyst: a sign-in link from the admin, opened and confirmed in the browser.</summary>
    private async Task<(IPage Page, List<string> Errors)> OpenSignedInAsync(string path)
    {
        var key = (await File.ReadAllTextAsync(Path.Combine(_service.WorkFolder, "data", "admin.key"))).Trim();
        using var http = new HttpClient { BaseAddress = _service.BaseAddress };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        var created = await http.PostAsync("/api/v1/sign-in-links", System.Net.Http.Json.JsonContent.Create(new { name = "Analytiker Jensen", role = "analyst" }));
        created.EnsureSuccessStatusCode();
        var link = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<System.Text.Json.JsonElement>(created.Content)).GetProperty("path").GetString()!;
        var (page, errors) = await OpenAsync(link);
        var signIn = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("main form button"), r => r.Request.Method == "POST");
        Assert.That(signIn.Status, Is.EqualTo(302), "the sign-in post redirects home");
        var response = await page.GotoAsync(new Uri(_service.BaseAddress, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.That(response!.Status, Is.EqualTo(200), path);
        return (page, errors);
    }

    private async Task<(IPage Page, List<string> Errors)> OpenAsync(string path)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
                errors.Add(message.Text);
        };
        page.PageError += (_, error) => errors.Add(error);
        page.RequestFailed += (_, request) => errors.Add($"{request.Url}: {request.Failure}");
        var response = await page.GotoAsync(new Uri(_service.BaseAddress, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.That(response!.Status, Is.EqualTo(200), path);
        return (page, errors);
    }

    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var file = Path.Combine(Path.GetTempPath(), $"monitoring-{name}-{Guid.NewGuid():N}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }

    /// <summary>Every image on the page loaded and has pixels: charts are present, not broken links.</summary>
    private static async Task<int> LoadedImagesAsync(IPage page)
    {
        var images = await page.EvaluateAsync<int[]>("() => Array.from(document.images).map(i => i.complete ? i.naturalWidth : 0)");
        Assert.That(images, Has.All.GreaterThan(0), "every chart image loaded");
        return images.Length;
    }

    [TestCase("/", "plans")]
    [TestCase("/planer/oesterby-nord", "plan-overview")]
    [TestCase("/planer/oesterby-nord?asOf=2021", "plan-overview-as-of")]
    [TestCase("/indikatorer/TRYG_FOELER_SIG_TRYG?area=0901-SOLHAVEN", "indicator")]
    [TestCase("/import", "import")]
    [TestCase("/planer/oesterby-nord/historik", "history")]
    [TestCase("/planer/oesterby-nord/ramme", "definition-upload")]
    [TestCase("/indikatorer/BESK_UDENFOR_18_64/rediger", "indicator-edit")]
    public async Task Every_page_loads_without_console_errors(string path, string name)
    {
        var (page, errors) = await OpenAsync(path);

        await LoadedImagesAsync(page);
        await ScreenshotAsync(page, name);
        Assert.That(errors, Is.Empty);
        Assert.That(await page.Locator("html").GetAttributeAsync("lang"), Is.EqualTo("da"));
    }

    [Test]
    public async Task The_plan_overview_shows_goals_in_the_boards_order_with_sparklines_and_leads_to_every_goal()
    {
        var (page, errors) = await OpenAsync("/planer/oesterby-nord");

        Assert.That(await page.Locator("text=Sager til bestyrelsen").CountAsync(), Is.EqualTo(1));
        var sparklines = await page.Locator("img.spark").CountAsync();
        Assert.That(sparklines, Is.GreaterThanOrEqualTo(10));
        var goalLinks = await page.Locator("section.card h2 a").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        Assert.That(goalLinks, Has.Length.InRange(3, 4));
        foreach (var link in goalLinks)
        {
            var (goal, goalErrors) = await OpenAsync(link);
            var charts = await goal.Locator("section.card img.chart").CountAsync();
            await LoadedImagesAsync(goal);
            Assert.That(goalErrors, Is.Empty, link);
            Assert.That(await goal.Locator(".status").CountAsync(), Is.GreaterThan(0), link);
            if (charts > 0)
                Assert.That(await goal.Locator("section.card img.chart").First.GetAttributeAsync("alt"), Does.Contain("målet er"));
        }
        var (first, _) = await OpenAsync(goalLinks[0]);
        await ScreenshotAsync(first, "goal");
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task An_analyst_uploads_a_file_and_reads_the_report_then_a_bad_file_and_its_row_errors()
    {
        var good = Path.Combine(_service.WorkFolder, "nye-tal.csv");
        await File.WriteAllTextAsync(good, "indicator,area,period,value\nKARAKTER_DANSK_9,0901-SOLHAVEN,2025,6.1\n");
        var bad = Path.Combine(_service.WorkFolder, "fejl.csv");
        await File.WriteAllTextAsync(bad, "indicator,area,period,value\nKARAKTER_DANSK_9,ATLANTIS,2025,6.1\nKARAKTER_DANSK_9,0901-SOLHAVEN,2025K9,6.1\n");
        var (page, errors) = await OpenSignedInAsync("/import");

        await page.SetInputFilesAsync("input[name=file]", good);
        await page.ClickAsync("#upload button");
        await page.WaitForSelectorAsync("#rapport");
        var report = await page.InnerTextAsync("#rapport");
        await ScreenshotAsync(page, "import-report");

        await page.SetInputFilesAsync("input[name=file]", bad);
        await page.ClickAsync("#upload button");
        await page.WaitForSelectorAsync("#fejl");
        var rowErrors = await page.InnerTextAsync("#fejl");
        await ScreenshotAsync(page, "import-errors");

        Assert.That(report, Does.Contain("Importeret som batch"));
        Assert.That(rowErrors, Does.Contain("ATLANTIS").And.Contain("2025K9"));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task An_analyst_previews_and_then_undoes_an_import_from_the_journal()
    {
        var file = Path.Combine(_service.WorkFolder, "fortrydes.csv");
        await File.WriteAllTextAsync(file, "indicator,area,period,value\nKARAKTER_DANSK_9,0901-SOLHAVEN,2031,6.4\n");
        var (page, errors) = await OpenSignedInAsync("/import");
        await page.SetInputFilesAsync("input[name=file]", file);
        await page.ClickAsync("#upload button");
        await page.WaitForSelectorAsync("#rapport");
        var batch = System.Text.RegularExpressions.Regex.Match(await page.InnerTextAsync("#rapport"), @"Importeret som batch (\d+)").Groups[1].Value;

        var row = page.Locator($"#batch-{batch}");
        await row.Locator("input[name=reason]").FillAsync("Forkert år");
        await row.Locator("button").ClickAsync();
        await page.WaitForSelectorAsync("#fortryd");
        var preview = await page.InnerTextAsync("#fortryd");
        await ScreenshotAsync(page, "import-undo-preview");
        await page.ClickAsync("#fortryd button");
        await page.WaitForSelectorAsync("text=er fortrudt som batch");
        var journal = await page.InnerTextAsync("#journal");

        Assert.That(preview, Does.Contain("Dette vil gendanne 0 værdier, trække 1 tilbage og springe 0 over"));
        Assert.That(journal, Does.Contain($"fortryder batch {batch}").And.Contain("Forkert år"));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task A_secretariat_user_adds_a_comment_on_an_indicator()
    {
        var (page, errors) = await OpenSignedInAsync("/indikatorer/BESK_UDENFOR_18_64?area=0901-SOLHAVEN");

        await page.FillAsync("input[name=period]", "2024");
        await page.FillAsync("input[name=author]", "Projektleder Hansen");
        await page.FillAsync("textarea[name=text]", "Ny jobcafé åbnede i foråret.");
        await page.ClickAsync("form.card button");
        await page.WaitForSelectorAsync("text=Kommentaren er gemt.");

        Assert.That(await page.InnerTextAsync("main"), Does.Contain("Ny jobcafé åbnede i foråret."));
        Assert.That(errors, Is.Empty);
    }

    [Test]
    public async Task The_secretariat_renames_a_goal_after_seeing_the_diff_and_finds_the_new_title_and_the_history_entry()
    {
        var (plan, errors) = await OpenAsync("/planer/vesteraa-parkerne");
        var goalLink = await plan.Locator("section.card h2 a").First.GetAttributeAsync("href");
        var (goal, goalErrors) = await OpenSignedInAsync(goalLink!);
        var oldTitle = await goal.InnerTextAsync("h1");

        await goal.ClickAsync("text=Redigér målet og dets succeskriterier");
        await goal.FillAsync("#maal-form input[name=title]", "Flere beboere i job og uddannelse");
        await goal.ClickAsync("#maal-form button[value=vis]");
        await goal.WaitForSelectorAsync("#aendringer");
        var diff = await goal.InnerTextAsync("#aendringer");
        await ScreenshotAsync(goal, "goal-edit-diff");
        await goal.ClickAsync("#maal-form button[value=gem]");
        await goal.WaitForSelectorAsync("text=Ændringerne er gemt.");

        var (renamed, renamedErrors) = await OpenAsync(goalLink!);
        var (history, historyErrors) = await OpenAsync("/planer/vesteraa-parkerne/historik");
        var entry = await history.InnerTextAsync("#historik");
        await ScreenshotAsync(history, "history");

        Assert.That(diff, Does.Contain(oldTitle).And.Contain("Flere beboere i job og uddannelse"));
        Assert.That(await renamed.InnerTextAsync("h1"), Is.EqualTo("Flere beboere i job og uddannelse"));
        Assert.That(entry, Does.Contain("Flere beboere i job og uddannelse").And.Contain(oldTitle).And.Contain("Titel").And.Contain("ændret"));
        Assert.That(errors.Concat(goalErrors).Concat(renamedErrors).Concat(historyErrors), Is.Empty);
    }
}
