using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>People sign in with a personal link and keep a cookie session; pages never ask for a key.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class SignInTests(DatabaseProvider provider)
{
    private static async Task<string> LinkAsync(MonitoringApiFactory api, string name, string role, params string[] planScope)
    {
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/sign-in-links", new { name, role, planScope });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        return (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
    }

    [Test]
    public async Task A_link_signs_a_person_in_once_with_a_secure_session_cookie_and_the_sign_in_is_audited()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var path = await LinkAsync(api, "Mette Hansen", "viewer");
        var browser = new BrowserSession(BrowserSession.Anonymous(api));

        var before = await browser.Client.GetAsync("/");
        var opened = await browser.Client.GetAsync(path);
        var signedIn = await browser.PostFormAsync(path, path);
        var home = await browser.Client.GetAsync("/");
        var again = await new BrowserSession(BrowserSession.Anonymous(api)).PostFormAsync(path, path);

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(before.Headers.Location?.ToString(), Does.StartWith("/log-ind?tilbage=%2F"));
        Assert.That(opened.StatusCode, Is.EqualTo(HttpStatusCode.OK), "opening the link spends nothing");
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("monitoring.session=", StringComparison.Ordinal));
        Assert.That(cookie, Does.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(again.Headers.Location?.ToString(), Is.EqualTo("/log-ind?grund=link"), "a link works once");
        Assert.That(await api.Database.SnapshotAsync(), Does.Not.Contain(path.Split('/')[^1]), "only the token's hash is stored");
        var audit = await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/audit");
        var actions = audit.EnumerateArray().Select(e => $"{e.GetProperty("actor").GetString()}|{e.GetProperty("action").GetString()}").ToList();
        Assert.That(actions, Does.Contain("Mette Hansen (link 1)|sign-in"));
        Assert.That(actions, Does.Contain("key 1 (Administrator)|POST /api/v1/sign-in-links"));
    }

    [Test]
    public async Task Signing_out_ends_the_session()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var session = await BrowserSession.SignInAsync(api, "viewer");

        var signedOut = await session.PostFormAsync("/log-ind", "/log-ud");
        var home = await session.Client.GetAsync("/");

        Assert.That(signedOut.Headers.Location?.ToString(), Is.EqualTo("/log-ind?grund=ud"));
        Assert.That(home.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
    }

    [Test]
    public async Task A_person_scoped_to_plans_uses_a_new_link_while_signed_in_and_signs_out()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var plan = await api.AdminClient().PostAsJsonAsync("/api/v1/plans",
            new { slug = "plan-p", name = "P", municipalityCode = "0901", fundingPeriod = "2019-2026", areas = new[] { "AREA-A" } });
        Assert.That(plan.StatusCode, Is.EqualTo(HttpStatusCode.Created), await plan.Content.ReadAsStringAsync());
        var session = await BrowserSession.SignInAsync(api, "viewer", "plan-p");
        var path = await LinkAsync(api, "Mette Hansen", "analyst", "plan-p");

        // Signing in and out concern the session, not a plan: the scope gate must not take them for writes to shared definitions.
        var switched = await session.PostFormAsync(path, path);
        var signedOut = await session.PostFormAsync("/log-ind", "/log-ud");
        var home = await session.Client.GetAsync("/");

        Assert.That(switched.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await switched.Content.ReadAsStringAsync());
        Assert.That(switched.Headers.Location?.ToString(), Is.EqualTo("/"));
        Assert.That(signedOut.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), await signedOut.Content.ReadAsStringAsync());
        Assert.That(signedOut.Headers.Location?.ToString(), Is.EqualTo("/log-ind?grund=ud"));
        Assert.That(home.Headers.Location?.ToString(), Does.StartWith("/log-ind?tilbage="), "the session has ended");
        var actions = (await api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/audit")).EnumerateArray()
            .Select(e => $"{e.GetProperty("actor").GetString()}|{e.GetProperty("action").GetString()}").ToList();
        Assert.That(actions, Does.Contain("Mette Hansen (link 2)|sign-out"));
    }

    [Test]
    public async Task Admins_list_sign_in_links_and_revoke_an_unused_one_which_then_signs_nobody_in()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var admin = api.AdminClient();
        var usedPath = await LinkAsync(api, "Mette Hansen", "viewer");
        await new BrowserSession(BrowserSession.Anonymous(api)).PostFormAsync(usedPath, usedPath);
        var created = await admin.PostAsJsonAsync("/api/v1/sign-in-links", new { name = "Forkert Modtager", role = "analyst", planScope = Array.Empty<string>() });
        var wrongPath = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var location = created.Headers.Location!.ToString();

        var listed = await admin.GetStringAsync("/api/v1/sign-in-links");
        var one = await admin.GetAsync(location);
        var asAnalyst = await api.ClientWithKey(await api.CreateKeyAsync("analyst")).GetAsync("/api/v1/sign-in-links");
        var revoked = await admin.DeleteAsync(location);
        var again = await admin.DeleteAsync(location);
        var used = await admin.DeleteAsync("/api/v1/sign-in-links/1");
        var redeemed = await new BrowserSession(BrowserSession.Anonymous(api)).PostFormAsync(wrongPath, wrongPath);

        var links = JsonDocument.Parse(listed).RootElement.EnumerateArray().ToList();
        Assert.That(links.Select(l => l.GetProperty("personName").GetString()), Is.EqualTo(new[] { "Forkert Modtager", "Mette Hansen" }));
        Assert.That(links[1].GetProperty("usedAt").ValueKind, Is.EqualTo(JsonValueKind.String), "the first link was used");
        Assert.That(listed, Does.Not.Contain(wrongPath.Split('/')[^1]).And.Not.Contain(usedPath.Split('/')[^1]), "never a token");
        Assert.That(one.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the creation's Location answers");
        Assert.That(asAnalyst.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(used.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "a used link is spent, not revoked");
        Assert.That(redeemed.Headers.Location?.ToString(), Is.EqualTo("/log-ind?grund=link"), "a revoked link signs nobody in");
        var audit = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit")).EnumerateArray()
            .Select(e => $"{e.GetProperty("action").GetString()}|{e.GetProperty("detail").GetString()}").ToList();
        Assert.That(audit.Where(e => e.StartsWith("DELETE /api/v1/sign-in-links/{id:long}|204", StringComparison.Ordinal)), Has.One
            .Contains("Forkert Modtager").And.One.Contains("role analyst"), string.Join("\n", audit));
    }

    [Test]
    public async Task Hangfire_takes_an_admins_session_and_sends_others_to_sign_in()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: true);
        var admin = await BrowserSession.SignInAsync(api, "admin");
        var viewer = await BrowserSession.SignInAsync(api, "viewer");

        var asAdmin = await admin.Client.GetAsync("/hangfire");
        var asViewer = await viewer.Client.GetAsync("/hangfire");
        var anonymous = await BrowserSession.Anonymous(api).GetAsync("/hangfire");

        Assert.That(asAdmin.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(asViewer.Headers.Location?.ToString(), Does.StartWith("/log-ind?").And.Contain("grund=rolle"));
        Assert.That(anonymous.Headers.Location?.ToString(), Does.StartWith("/log-ind?tilbage=%2Fhangfire"));
    }

    [Test]
    public async Task A_bi_session_reads_the_api_but_is_sent_from_dashboard_pages_to_sign_in()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var bi = await BrowserSession.SignInAsync(api, "bi");

        var apiRead = await bi.Client.GetAsync("/api/v1/indicators");
        var page = await bi.Client.GetAsync("/");
        var signInPage = await bi.Client.GetStringAsync("/log-ind?grund=rolle");

        Assert.That(apiRead.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(page.Headers.Location?.ToString(), Does.Contain("grund=rolle"));
        Assert.That(WebUtility.HtmlDecode(signInPage), Does.Contain("din rolle giver ikke adgang").And.Contain("Test bi"));
    }

    [Test]
    public async Task The_sign_in_page_shows_no_text_from_the_url_and_follows_only_local_return_paths()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var page = await api.CreateClient().GetStringAsync("/log-ind?grund=<b>Ring+til+os</b>&tilbage=https://evil.example");

        Assert.That(page, Does.Not.Contain("Ring").And.Not.Contain("evil.example"));
    }
}
