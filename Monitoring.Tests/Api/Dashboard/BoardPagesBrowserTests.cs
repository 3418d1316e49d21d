using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>
/// The board's pages read in the board's words, in a real headless Chromium against the real service
/// with the sample plans: goal cards name every target with its status and latest value against the
/// target value, statistics sit behind "Detaljer", asOf reaches every chart, and the pages print on
/// few A4 pages (Chromium's own --print-to-pdf, pages counted with pdfinfo).
/// </summary>
[NonParallelizable]
public partial class BoardPagesBrowserTests
{
    private const string Chromium = "/usr/bin/chromium";
    private const string Pdfinfo = "/usr/bin/pdfinfo";
    private static readonly string[] StatusWords = ["nået", "på sporet", "i risiko", "ikke på sporet", "for få data"];
    private ServiceProcess _service = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        SystemTool.Require(Chromium, "chromium");
        SystemTool.Require(Pdfinfo, "poppler-utils");
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

    private async Task<IPage> OpenAsync(string path)
    {
        var page = await _browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var response = await page.GotoAsync(new Uri(_service.BaseAddress, path).ToString(), new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        Assert.That(response!.Status, Is.EqualTo(200), path);
        return page;
    }

    private async Task<JsonElement> JsonAsync(string path)
    {
        using var client = _service.Client();
        return JsonDocument.Parse(await client.GetStringAsync(path)).RootElement.Clone();
    }

    private async Task<Dictionary<string, string>> NamesAsync(string path)
    {
        var list = await JsonAsync(path);
        return list.EnumerateArray().ToDictionary(e => e.GetProperty("code").GetString()!, e => e.GetProperty("name").GetString()!);
    }

    private static IEnumerable<JsonElement> AllTargets(JsonElement goal) =>
        goal.GetProperty("targets").EnumerateArray().Concat(goal.GetProperty("subGoals").EnumerateArray().SelectMany(AllTargets));

    [GeneratedRegex(@"\b\d{4}-[A-ZÆØÅ]{3,}\b|Kommune \d{4}|\b[A-Z]{3,}_[A-Z0-9_]+\b|koen:|alder:")]
    private static partial Regex Code();

    [TestCase("oesterby-nord")]
    [TestCase("vesteraa-parkerne")]
    public async Task Goal_cards_list_every_target_by_indicator_and_area_name_with_status_word_and_latest_against_target_value(string slug)
    {
        var status = await JsonAsync($"/api/v1/plans/{slug}/status");
        var indicators = await NamesAsync("/api/v1/indicators");
        var areas = await NamesAsync("/api/v1/areas");
        var page = await OpenAsync($"/planer/{slug}");
        var text = await page.InnerTextAsync("main");

        foreach (var goal in status.GetProperty("goals").EnumerateArray())
        {
            var card = page.Locator($"#maal-{goal.GetProperty("id").GetInt64()}");
            var targets = AllTargets(goal).ToList();
            var lines = await card.Locator("ul.targets > li").AllInnerTextsAsync();
            Assert.That(lines, Has.Count.EqualTo(targets.Count), goal.GetProperty("title").GetString());
            for (var i = 0; i < targets.Count; i++)
            {
                var target = targets[i];
                Assert.That(lines[i], Does.Contain(indicators[target.GetProperty("indicatorCode").GetString()!])
                    .And.Contain(areas[target.GetProperty("scopeCode").GetString()!])
                    .And.Contain("målværdi"));
                Assert.That(StatusWords.Any(lines[i].Contains), Is.True, lines[i]);
                if (target.GetProperty("latest").ValueKind == JsonValueKind.Object)
                    Assert.That(lines[i], Does.Contain($"seneste ").And.Contain($"({target.GetProperty("latest").GetProperty("period").GetString()})"));
            }
        }
        Assert.That(Code().Matches(text).Select(m => m.Value), Is.Empty, "codes where names belong");
        Assert.That(text, Does.Contain("Kommune").And.Not.Contain("Enhed: Percent"));
        Assert.That(Regex.IsMatch(text, @"\d+ mål:"), Is.False, "'mål' counts goals only; targets are succeskriterier");
        Assert.That(text, Does.Contain("succeskriterier"));
    }

    [Test]
    public async Task The_statistics_on_a_goal_page_sit_behind_a_closed_Detaljer_disclosure_and_a_non_influenceable_indicator_is_marked()
    {
        var status = await JsonAsync("/api/v1/plans/oesterby-nord/status");
        var goal = status.GetProperty("goals").EnumerateArray()
            .First(g => AllTargets(g).Any(t => t.GetProperty("indicatorCode").GetString() == "INDKOMST_IFT_REGION"));
        var income = AllTargets(goal).First(t => t.GetProperty("indicatorCode").GetString() == "INDKOMST_IFT_REGION").GetProperty("targetId").GetInt64();
        var other = AllTargets(goal).First(t => t.GetProperty("indicatorCode").GetString() != "INDKOMST_IFT_REGION").GetProperty("targetId").GetInt64();
        var page = await OpenAsync($"/planer/oesterby-nord/maal/{goal.GetProperty("id").GetInt64()}");
        var section = page.Locator($"#sk-{other}");

        var summary = section.Locator("details > summary");
        Assert.That(await summary.InnerTextAsync(), Is.EqualTo("Detaljer"));
        Assert.That(await section.Locator("details table").IsVisibleAsync(), Is.False, "closed until asked for");
        var visible = await section.InnerTextAsync();
        Assert.That(visible, Does.Not.Contain("Mann–Kendall").And.Not.Contain("R²").And.Not.Contain("S = "));
        Assert.That(visible, Does.Contain("Baseline").And.Contain("Seneste måling").And.Contain("Målværdi").And.Contain("Fremskrevet"));
        await summary.ClickAsync();
        var details = await section.Locator("details table").InnerTextAsync();
        Assert.That(details, Does.Contain("Mann–Kendall").And.Contain("R²").And.Contain("Fremdrift"));

        Assert.That(await page.Locator($"#sk-{income} .not-influenceable").CountAsync(), Is.EqualTo(1));
        Assert.That(await page.Locator($"#sk-{other} .not-influenceable").CountAsync(), Is.Zero);
        var card = (await OpenAsync("/planer/oesterby-nord")).Locator($"#maal-{goal.GetProperty("id").GetInt64()}");
        Assert.That(await card.Locator(".not-influenceable").CountAsync(), Is.EqualTo(1), "marked on the goal card too");
    }

    [Test]
    public async Task With_asOf_every_sparkline_chart_and_goal_link_reads_the_same_period_and_the_projection_has_its_unit()
    {
        var page = await OpenAsync("/planer/oesterby-nord?asOf=2021");
        var sparklines = await page.Locator("img.spark").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.getAttribute('src'))");
        var loaded = await page.Locator("img.spark").EvaluateAllAsync<int[]>("imgs => imgs.map(i => i.naturalWidth)");
        var goalLinks = await page.Locator("section.goal h2 a").EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))");
        var text = await page.InnerTextAsync("main");

        Assert.That(sparklines, Has.Length.GreaterThanOrEqualTo(10).And.All.Contain("asOf=2021"));
        Assert.That(loaded, Has.All.GreaterThan(0));
        Assert.That(goalLinks, Is.Not.Empty.And.All.Contain("asOf=2021"));
        Assert.That(text, Does.Contain("Siden sidste møde").And.Contain("(2021)").And.Not.Contain("(2024)"));
        var goal = await OpenAsync(goalLinks[0]);
        var charts = await goal.Locator("img.chart").EvaluateAllAsync<string[]>("imgs => imgs.map(i => i.getAttribute('src'))");
        Assert.That(charts, Is.Not.Empty.And.All.Contain("asOf=2021"));
        var figures = await goal.Locator("dl.figures").First.InnerTextAsync();
        Assert.That(figures, Does.Match(@"Fremskrevet\s+-?[\d.,]+ (%|pr\. 1\.000|kr\.)?"));
        Assert.That(await goal.InnerTextAsync("main"), Does.Not.Contain("(2024)"));
    }

    [Test]
    public async Task The_framework_check_is_a_Danish_page_linked_from_the_overview()
    {
        var overview = await OpenAsync("/planer/oesterby-nord");
        await overview.ClickAsync("text=Tjek af målhierarkiet");
        await overview.WaitForSelectorAsync("#fund");

        Assert.That(overview.Url, Does.EndWith("/planer/oesterby-nord/tjek"));
        Assert.That(await overview.InnerTextAsync("h1"), Does.StartWith("Tjek af målhierarkiet"));
        Assert.That(await overview.InnerTextAsync("#fund"), Does.Contain("Indikator planen ikke selv kan påvirke").And.Contain("Gennemsnitlig bruttoindkomst"));
    }

    [TestCase("/")]
    [TestCase("/planer/oesterby-nord")]
    [TestCase("/planer/oesterby-nord/maal/1")]
    [TestCase("/indikatorer/BESK_UDENFOR_18_64?area=0901-SOLHAVEN")]
    [TestCase("/planer/oesterby-nord/historik")]
    [TestCase("/planer/oesterby-nord/tjek")]
    [TestCase("/planer/oesterby-nord/styringskaede")]
    [TestCase("/planer/oesterby-nord/listestatus")]
    public async Task Board_pages_carry_no_script_and_no_inline_style_and_take_their_styles_from_the_stylesheet(string path)
    {
        var page = await OpenAsync(path);

        Assert.That(await page.Locator("script").CountAsync(), Is.Zero);
        Assert.That(await page.Locator("[style], style").CountAsync(), Is.Zero);
        Assert.That(await page.Locator("[onchange], [onclick], [onsubmit]").CountAsync(), Is.Zero);
        var maxWidth = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('main')).maxWidth");
        Assert.That(maxWidth, Is.EqualTo("1100px"), "the stylesheet applied");
    }

    [TestCase("oesterby-nord")]
    [TestCase("vesteraa-parkerne")]
    public async Task The_chain_page_shows_every_strategic_goal_beside_the_activities_serving_it_within_the_page_width(string slug)
    {
        var status = await JsonAsync($"/api/v1/plans/{slug}/status");
        var subAgreements = await JsonAsync($"/api/v1/plans/{slug}/subagreements");
        var overview = await OpenAsync($"/planer/{slug}");
        await overview.ClickAsync("text=Styringskæde");
        await overview.WaitForSelectorAsync("#forslag");

        var sections = overview.Locator("section.chain-goal");
        Assert.That(await sections.CountAsync(), Is.EqualTo(status.GetProperty("goals").GetArrayLength()));
        var text = await overview.InnerTextAsync("main");
        foreach (var activity in subAgreements.EnumerateArray().SelectMany(s => s.GetProperty("activities").EnumerateArray()))
            Assert.That(text, Does.Contain(activity.GetProperty("title").GetString()), "every activity serves a goal on the page");
        Assert.That(await overview.InnerTextAsync("#forslag"), Does.Contain("Strategisk spørgsmål").And.Contain("Samarbejdsspørgsmål").And.Contain("Prioriteringsspørgsmål"));
        var overflow = await overview.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
        Assert.That(overflow, Is.LessThanOrEqualTo(0), "no column pushes the page wider than the window");
        Assert.That(PrintedPages($"/planer/{slug}/styringskaede"), Is.InRange(1, 4), "the chain prints on a few A4 pages");
    }

    /// <summary>Chromium prints the page as a board member would (A4, print styles); pdfinfo counts the pages.</summary>
    private int PrintedPages(string path)
    {
        var pdf = Path.Combine(_service.WorkFolder, $"print-{Guid.NewGuid():N}.pdf");
        SystemTool.Run(Chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", $"--print-to-pdf={pdf}",
            new Uri(_service.BaseAddress, path).ToString());
        TestContext.AddTestAttachment(pdf, path);
        var info = SystemTool.Run(Pdfinfo, pdf);
        return int.Parse(Regex.Match(info, @"Pages:\s+(\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [TestCase("oesterby-nord")]
    [TestCase("vesteraa-parkerne")]
    public async Task A_goal_page_prints_on_at_most_two_A4_pages_and_the_plan_overview_on_at_most_two(string slug)
    {
        var status = await JsonAsync($"/api/v1/plans/{slug}/status");
        var goals = status.GetProperty("goals").EnumerateArray().Select(g => (Id: g.GetProperty("id").GetInt64(), Targets: AllTargets(g).Count())).ToList();

        Assert.That(PrintedPages($"/planer/{slug}"), Is.InRange(1, 2), "plan overview");
        foreach (var (id, targets) in goals)
            Assert.That(PrintedPages($"/planer/{slug}/maal/{id}"), Is.InRange(1, targets <= 1 ? 1 : 2), $"goal {id} with {targets} targets");
    }
}
