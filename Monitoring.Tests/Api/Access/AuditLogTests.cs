using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>Every write, over the API and from the dashboard's forms, is in the audit log with who made it; previews are not.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class AuditLogTests(DatabaseProvider provider)
{
    private static async Task<List<string>> EntriesAsync(MonitoringApiFactory api) =>
        (await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=100")).EnumerateArray()
        .Select(e => $"{e.GetProperty("actor").GetString()} | {e.GetProperty("action").GetString()} | {e.GetProperty("subject").GetString()}")
        .ToList();

    [Test]
    public async Task Imports_corrections_framework_edits_and_comments_are_recorded_with_who_and_dry_runs_are_not()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));
        var plan = new { slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" } };

        (await analyst.PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")))).EnsureSuccessStatusCode();
        (await analyst.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")))).EnsureSuccessStatusCode();
        (await analyst.PostAsJsonAsync("/api/v1/plans", plan)).EnsureSuccessStatusCode();
        (await analyst.PostAsJsonAsync("/api/v1/plans/plan-p/comments", new { text = "Note" })).EnsureSuccessStatusCode();
        var refused = await analyst.PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "viewer" });

        var entries = await EntriesAsync(api);

        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(entries, Is.EqualTo(new[]
        {
            "key 2 (test analyst) | POST /api/v1/plans/{slug}/comments | /api/v1/plans/plan-p/comments",
            "key 2 (test analyst) | POST /api/v1/plans/ | /api/v1/plans",
            "key 2 (test analyst) | POST /api/v1/imports/ | /api/v1/imports",
        }), "the dry run and the refused key are not writes");
    }

    [Test]
    public async Task A_dashboard_form_is_recorded_under_the_signed_in_person_and_admins_read_the_log_page()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var person = await BrowserSession.SignInAsync(api, "analyst");
        var admin = await BrowserSession.SignInAsync(api, "admin");
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,")), "file", "tal.csv" },
        };

        var imported = await person.PostMultipartAsync("/import", "/import", upload);
        var page = WebUtility.HtmlDecode(await admin.Client.GetStringAsync("/admin/log"));
        var asAnalyst = await person.Client.GetAsync("/admin/log");

        Assert.That(imported.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(await EntriesAsync(api), Does.Contain("Test analyst (link 1) | POST /import | /import"));
        Assert.That(page, Does.Contain("Revisionslog").And.Contain("Test analyst (link 1)").And.Contain("sign-in"));
        Assert.That(asAnalyst.Headers.Location?.ToString(), Does.Contain("grund=rolle"));
    }

    private static async Task<string> DetailOfAsync(MonitoringApiFactory api, string action) =>
        (await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/audit?limit=100")).EnumerateArray()
        .First(e => e.GetProperty("action").GetString() == action).GetProperty("detail").GetString()!;

    [Test]
    public async Task Keys_and_sign_in_links_are_recorded_with_the_role_and_plans_they_grant_and_imports_with_batch_and_file()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var plan = new { slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" } };
        (await admin.PostAsJsonAsync("/api/v1/plans", plan)).EnsureSuccessStatusCode();
        var person = await BrowserSession.SignInAsync(api, "analyst");

        var key = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "BI-udtræk", role = "bi", planScope = new[] { "plan-p" } });
        var link = await admin.PostAsJsonAsync("/api/v1/sign-in-links", new { name = "Mette Hansen", role = "viewer", planScope = new[] { "plan-p" } });
        var imported = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2022,41.5,,,"), "tal-2022.csv"));
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(Csv.WithHeader("PCT,AREA-A,2023,40.5,,,")), "file", "tal-2023.csv" } };
        var fromForm = await person.PostMultipartAsync("/import", "/import", upload);

        Assert.That(key.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(link.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var keySecret = (await key.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var linkPath = (await link.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var apiBatch = (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetInt64();
        Assert.That(fromForm.StatusCode, Is.EqualTo(HttpStatusCode.OK));

        var keyDetail = await DetailOfAsync(api, "POST /api/v1/keys/");
        Assert.That(keyDetail, Does.Contain("role bi").And.Contain("plans plan-p").And.Contain("BI-udtræk").And.Contain("expires never"));
        Assert.That(keyDetail, Does.Not.Contain(keySecret), "never the secret");
        var linkDetail = await DetailOfAsync(api, "POST /api/v1/sign-in-links");
        Assert.That(linkDetail, Does.Contain("role viewer").And.Contain("plans plan-p").And.Contain("Mette Hansen"));
        Assert.That(linkDetail, Does.Not.Contain(linkPath.Split('/')[^1]), "never the token");
        Assert.That(await DetailOfAsync(api, "POST /api/v1/imports/"), Does.Contain($"batch {apiBatch}").And.Contain("file 'tal-2022.csv'"));
        Assert.That(await DetailOfAsync(api, "POST /import"), Does.Match(@"batch \d+, file 'tal-2023\.csv'"));
    }
}
