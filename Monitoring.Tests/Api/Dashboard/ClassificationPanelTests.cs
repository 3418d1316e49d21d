using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Core.Model;
using Monitoring.Ingest.Classification;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Core.Classification;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>The list-status panel shows only areas that are or were on a list, with explanations, charts and a marked projection.</summary>
public class ClassificationPanelTests
{
    private static AreaClassificationInput Input(string code, string name, AreaProfile profile) =>
        new(new Scope(code, name, ScopeKind.Area, "0901"), "DK", "REGION-SYD", profile.Input);

    private static async Task<string> RenderAsync(ClassificationPanelModel model)
    {
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        return await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<ClassificationPanel>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Model"] = model })))
                .ToHtmlString());
    }

    [Test]
    public async Task An_area_never_on_a_list_is_left_out_and_a_listed_one_is_explained_with_charts_and_projection()
    {
        var model = ClassificationPanelModel.Build([Input("A-LISTED", "Listet", AreaProfile.Deprived()), Input("A-CLEAN", "Ren", AreaProfile.Ordinary())], 2024);

        // Razor writes non-ASCII as character references; the sentences are compared as a reader sees them.
        var html = System.Net.WebUtility.HtmlDecode(await RenderAsync(model));

        Assert.Multiple(() =>
        {
            Assert.That(model.Areas.Select(a => a.Area), Is.EqualTo(new[] { "A-LISTED" }));
            Assert.That(html, Does.Contain("Listestatus").And.Contain("Listet").And.Not.Contain("Ren</h3>"));
            Assert.That(html, Does.Contain("Parallelsamfund: opfyldt"));
            Assert.That(html, Does.Contain("Fremskrivning (ikke ministeriets liste)"));
            Assert.That(html, Does.Contain("2010–2017: Ghettoområde"));
            Assert.That(html, Does.Contain("<svg class=\"criterion-chart\"").And.Contain("class=\"threshold\"").And.Contain("class=\"projected\""));
        });
    }

    [Test]
    public async Task A_plan_whose_areas_were_never_on_a_list_shows_no_panel()
    {
        var model = ClassificationPanelModel.Build([Input("A-CLEAN", "Ren", AreaProfile.Ordinary())], 2024);

        Assert.That((await RenderAsync(model)).Trim(), Is.Empty);
    }

    [Test]
    public async Task The_overview_line_says_fremskrivning_once()
    {
        var model = ClassificationPanelModel.Build([Input("A-LISTED", "Listet", AreaProfile.Deprived())], 2024);
        await using var services = new ServiceCollection().BuildServiceProvider();
        await using var renderer = new HtmlRenderer(services, NullLoggerFactory.Instance);
        var html = System.Net.WebUtility.HtmlDecode(await renderer.Dispatcher.InvokeAsync(async () =>
            (await renderer.RenderComponentAsync<ListStatusSummary>(ParameterView.FromDictionary(
                new Dictionary<string, object?> { ["Model"] = model, ["Url"] = "/planer/x/listestatus" }))).ToHtmlString()));

        Assert.That(html, Does.Contain("Fremskrivning for listen 2025:").And.Not.Contain("Fremskrivning: Fremskrivning"));
    }

    [Test]
    public void A_criterion_chart_has_a_title_a_description_and_the_thresholds_value()
    {
        var model = ClassificationPanelModel.Build([Input("A-LISTED", "Listet", AreaProfile.Deprived())], 2024);
        var chart = model.Areas[0].Charts.Single(c => c.Indicator == AreaProfile.OutsideLabour);

        var svg = System.Net.WebUtility.HtmlDecode(CriterionChartSvg.Render(chart));

        Assert.Multiple(() =>
        {
            Assert.That(svg, Does.Contain($"<title>{chart.Name}</title>"));
            Assert.That(svg, Does.Contain($"<desc>{chart.Name} ved listerne 2010–2027 (blå) mod grænsen (grå). Listen 2024: 48,0 %, grænsen 40,0 %."));
            Assert.That(svg, Does.Contain("Fremskrevet (stiplet) til listen 2027"));
            Assert.That(svg, Does.Contain(">grænse 40,0 %</text>"));
        });
    }

    [Test]
    public void The_chart_takes_each_lists_threshold_and_marks_the_projected_lists()
    {
        var model = ClassificationPanelModel.Build([Input("A-LISTED", "Listet", AreaProfile.Deprived())], 2024);
        var chart = model.Areas[0].Charts.Single(c => c.Indicator == AreaProfile.OutsideLabour);

        Assert.Multiple(() =>
        {
            Assert.That(chart.Points.First().ListYear, Is.EqualTo(2010));
            Assert.That(chart.Points.Where(p => p.Projected).Select(p => p.ListYear), Is.EqualTo(new[] { 2025, 2026, 2027 }));
            Assert.That(chart.Points.All(p => p.Threshold == 40), Is.True, "over 40 % under every regime");
            Assert.That(chart.Points.First(p => p.ListYear == 2020).Value, Is.EqualTo(48));
        });
    }
}

/// <summary>The list-status page over the samples honours asOf as the plan overview does, on both databases.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ListStatusPageTests(DatabaseProvider provider)
{
    [Test]
    public async Task The_list_status_page_as_of_a_year_shows_the_list_in_force_then_like_the_overview()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var client = api.CreateClient();

        var then = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/planer/oesterby-nord/listestatus?asOf=2019"));
        var overview = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/planer/oesterby-nord?asOf=2019"));
        var now = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/planer/oesterby-nord/listestatus"));

        Assert.Multiple(() =>
        {
            Assert.That(then, Does.Contain("Listen pr. 1. december 2019"));
            Assert.That(then, Does.Contain("Fremskrivning for listen 2020"));
            Assert.That(overview, Does.Contain("listen pr. 1. december 2019"));
            Assert.That(overview, Does.Contain("/planer/oesterby-nord/listestatus?asOf=2019"));
            Assert.That(now, Does.Not.Contain("Listen pr. 1. december 2019"));
        });
    }
}
