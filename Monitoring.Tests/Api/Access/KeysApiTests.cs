using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class KeysApiTests(DatabaseProvider provider)
{
    [Test]
    public async Task An_admin_creates_a_key_that_works_once_shown_lists_it_without_the_secret_and_revokes_it()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "BI-udtræk", role = "bi" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var body = await created.Content.ReadFromJsonAsync<JsonElement>();
        var key = body.GetProperty("key").GetString()!;
        var id = body.GetProperty("id").GetInt64();

        var read = await api.ClientWithKey(key).GetAsync("/api/v1/indicators");
        var list = await admin.GetStringAsync("/api/v1/keys");
        var revoked = await admin.DeleteAsync($"/api/v1/keys/{id}");
        var afterRevoke = await api.ClientWithKey(key).GetAsync("/api/v1/indicators");

        Assert.That(read.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(list, Does.Contain("BI-udtræk").And.Not.Contain(key), "the list never shows a secret");
        var listed = JsonDocument.Parse(list).RootElement.EnumerateArray().Single(k => k.GetProperty("id").GetInt64() == id);
        Assert.That(listed.GetProperty("lastUsedAt").ValueKind, Is.EqualTo(JsonValueKind.String), "the use was recorded");
        Assert.That(revoked.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
        await ProblemJson.ReadAsync(afterRevoke, HttpStatusCode.Unauthorized);
        Assert.That(await api.Database.SnapshotAsync(), Does.Not.Contain(key), "only the hash is stored");
    }

    [Test]
    public async Task A_wrong_or_revoked_key_answers_401_even_where_anonymous_reading_is_open()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: true);

        var wrong = await api.ClientWithKey("mon_wrong").GetAsync("/api/v1/areas");
        var page = await api.ClientWithKey("mon_wrong").GetAsync("/");
        var anonymous = await api.CreateClient().GetAsync("/api/v1/areas");

        await ProblemJson.ReadAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(anonymous.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task An_expired_key_answers_401()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-03-01T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: true, clock: clock);
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/keys",
            new { name = "kort", role = "viewer", expiresAt = "2026-03-02T12:00:00Z" });
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();

        var before = await api.ClientWithKey(key).GetAsync("/api/v1/areas");
        clock.Advance(TimeSpan.FromDays(2));
        var after = await api.ClientWithKey(key).GetAsync("/api/v1/areas");

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        await ProblemJson.ReadAsync(after, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Keys_are_for_admins_and_a_bad_role_or_plan_is_named()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = api.ClientWithKey(await api.CreateKeyAsync("analyst"));

        var byAnalyst = await analyst.PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "viewer" });
        var badRole = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "boss" });
        var badPlan = await api.AdminClient().PostAsJsonAsync("/api/v1/keys", new { name = "x", role = "viewer", planScope = new[] { "no-such-plan" } });

        await ProblemJson.ReadAsync(byAnalyst, HttpStatusCode.Forbidden);
        Assert.That((await ProblemJson.ReadAsync(badRole, HttpStatusCode.BadRequest)).GetProperty("parameter").GetString(), Is.EqualTo("role"));
        Assert.That((await ProblemJson.ReadAsync(badPlan, HttpStatusCode.BadRequest)).GetProperty("value").GetString(), Is.EqualTo("no-such-plan"));
    }

    [Test]
    public async Task Key_writes_are_in_the_audit_log_with_who_did_them()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var created = await admin.PostAsJsonAsync("/api/v1/keys", new { name = "Analytiker", role = "analyst" });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        await admin.DeleteAsync($"/api/v1/keys/{id}");

        var audit = await admin.GetFromJsonAsync<JsonElement>("/api/v1/audit");
        var viewerAudit = await api.ClientWithKey(await api.CreateKeyAsync("viewer")).GetAsync("/api/v1/audit");

        var actions = audit.EnumerateArray().Select(e => e.GetProperty("action").GetString() + " " + e.GetProperty("subject").GetString()).ToList();
        Assert.That(actions, Does.Contain($"DELETE /api/v1/keys/{{id:long}} /api/v1/keys/{id}"));
        Assert.That(actions, Does.Contain("POST /api/v1/keys/ /api/v1/keys"));
        Assert.That(audit[0].GetProperty("actor").GetString(), Does.StartWith("key 1 (Administrator)"));
        Assert.That(viewerAudit.StatusCode, Is.EqualTo(HttpStatusCode.Forbidden));
    }
}
