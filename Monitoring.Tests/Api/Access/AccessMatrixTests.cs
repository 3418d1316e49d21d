using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>
/// Every route of the served OpenAPI document and every dashboard page, called by every role ×
/// plan scope × {API key, session} and by nobody, on a shared server (anonymous reading off), once
/// with the values of a plan inside the scope (Østerby Nord) and once with those of a plan outside
/// it (Vesterå Parkerne). The expected answer comes from the two tables below; writes are sent as
/// dry runs with empty bodies, so an allowed caller gets the endpoint's own answer (400, 422, …)
/// and the check is only whether access was granted. SQLite only: the access rules do not touch
/// the database engine, and the key and audit stores are tested on both in the other fixtures.
/// </summary>
public partial class AccessMatrixTests
{
    /// <summary>What a route needs, by route template (OpenAPI path or dashboard page).</summary>
    private enum Need
    {
        Read,          // any signed-in caller (anonymous too when AnonymousRead is on)
        Page,          // a dashboard page: any signed-in caller but bi
        Write,         // admin or analyst
        Admin,         // admin
        WriteAllPlans, // admin or analyst, not scoped to plans (spans every plan)
        ReadAllPlans,  // any signed-in caller not scoped to plans (imports journal)
        AdminAllPlans, // admin (admins are never scoped)
        Report,        // a dashboard form for admin and analyst, and for a viewer reporting for the steering group it signed in for (none in these tests)
    }

    // The readable table: method and route → what it needs. A route missing here fails the test,
    // so a new endpoint has to be placed in the matrix.
    private static readonly Dictionary<string, Need> Routes = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/plans"] = Need.Read,
        ["POST /api/v1/plans"] = Need.WriteAllPlans,
        ["GET /api/v1/plans/{slug}"] = Need.Read,
        ["PUT /api/v1/plans/{slug}"] = Need.Write,
        ["GET /api/v1/plans/{slug}/goals"] = Need.Read,
        ["GET /api/v1/plans/{slug}/definition"] = Need.Read,
        ["GET /api/v1/plans/{slug}/history"] = Need.Read,
        ["GET /api/v1/plans/{slug}/status"] = Need.Read,
        ["GET /api/v1/plans/{slug}/checks"] = Need.Read,
        ["GET /api/v1/plans/{slug}/brief.pdf"] = Need.Read,
        ["GET /api/v1/plans/{slug}/briefs"] = Need.Read,
        ["GET /api/v1/plans/{slug}/briefs/{id}"] = Need.Read,
        ["GET /api/v1/plans/{slug}/snapshots"] = Need.Read,
        ["GET /api/v1/plans/{slug}/snapshots/{asOf}"] = Need.Read,
        ["GET /api/v1/plans/{slug}/comments"] = Need.Read,
        ["POST /api/v1/plans/{slug}/comments"] = Need.Write,
        ["GET /api/v1/goals/{id}"] = Need.Read,
        ["PATCH /api/v1/goals/{id}"] = Need.Write,
        ["DELETE /api/v1/goals/{id}"] = Need.Write,
        ["POST /api/v1/goals/{id}/targets"] = Need.Write,
        ["GET /api/v1/targets/{id}"] = Need.Read,
        ["PATCH /api/v1/targets/{id}"] = Need.Write,
        ["DELETE /api/v1/targets/{id}"] = Need.Write,
        ["GET /api/v1/targets/{id}/evaluation"] = Need.Read,
        ["GET /api/v1/indicators"] = Need.Read,
        ["POST /api/v1/indicators"] = Need.WriteAllPlans,
        ["GET /api/v1/indicators/{code}"] = Need.Read,
        ["PATCH /api/v1/indicators/{code}"] = Need.WriteAllPlans,
        ["GET /api/v1/areas"] = Need.Read,
        ["POST /api/v1/areas"] = Need.WriteAllPlans,
        ["GET /api/v1/areas/{code}"] = Need.Read,
        ["PATCH /api/v1/areas/{code}"] = Need.WriteAllPlans,
        ["GET /api/v1/dimensions"] = Need.Read,
        ["POST /api/v1/dimensions"] = Need.WriteAllPlans,
        ["GET /api/v1/dimensions/{code}"] = Need.Read,
        ["GET /api/v1/observations"] = Need.Read,
        ["POST /api/v1/observations/corrections"] = Need.WriteAllPlans,
        ["GET /api/v1/imports"] = Need.ReadAllPlans,
        ["POST /api/v1/imports"] = Need.WriteAllPlans,
        ["GET /api/v1/imports/{id}"] = Need.ReadAllPlans,
        ["GET /api/v1/imports/uploads/{id}"] = Need.WriteAllPlans,
        ["POST /api/v1/imports/{id}/revert"] = Need.WriteAllPlans,
        ["GET /api/v1/charts/targets/{id}.{format}"] = Need.Read,
        ["GET /api/v1/charts/goals/{id}.{format}"] = Need.Read,
        ["GET /api/v1/charts/indicators/{code}.{format}"] = Need.Read,
        ["GET /api/v1/jobs"] = Need.WriteAllPlans,
        ["GET /api/v1/jobs/{id}/runs"] = Need.WriteAllPlans,
        ["POST /api/v1/jobs/{id}/run"] = Need.AdminAllPlans,
        ["GET /api/v1/keys"] = Need.AdminAllPlans,
        ["POST /api/v1/keys"] = Need.AdminAllPlans,
        ["GET /api/v1/keys/{id}"] = Need.AdminAllPlans,
        ["DELETE /api/v1/keys/{id}"] = Need.AdminAllPlans,
        ["POST /api/v1/sign-in-links"] = Need.AdminAllPlans,
        ["GET /api/v1/sign-in-links"] = Need.AdminAllPlans,
        ["GET /api/v1/sign-in-links/{id}"] = Need.AdminAllPlans,
        ["DELETE /api/v1/sign-in-links/{id}"] = Need.AdminAllPlans,
        ["GET /api/v1/audit"] = Need.AdminAllPlans,
        ["GET /api/v1/plans/{slug}/subagreements"] = Need.Read,
        ["POST /api/v1/plans/{slug}/subagreements"] = Need.Write,
        ["GET /api/v1/activities/{id}"] = Need.ReadAllPlans,
        ["PATCH /api/v1/activities/{id}"] = Need.WriteAllPlans,
        ["GET /api/v1/activities/{id}/history"] = Need.ReadAllPlans,
        ["GET /api/v1/plans/{slug}/proposals"] = Need.Read,
        ["GET /api/v1/plans/{slug}/activities"] = Need.Read,
        ["GET /api/v1/areas/{code}/classification"] = Need.Read,
        ["GET /api/v1/areas/{code}/classification/forecast"] = Need.Read,
        ["GET /api/v1/classification"] = Need.Read,
        ["POST /api/v1/plans/{slug}/activities/import"] = Need.Write,
        ["POST /api/v1/plans/{slug}/proposals/{key}/confirm"] = Need.Write,
        ["POST /api/v1/plans/{slug}/proposals/{key}/dismiss"] = Need.Write,
        ["GET /api/v1/charts/surveys/{indicator}.{format}"] = Need.Read,
        ["GET /api/v1/extracts/{name}.csv"] = Need.Read,
        ["GET /api/v1/column-aliases"] = Need.Read,
        ["PUT /api/v1/column-aliases/{alias}"] = Need.WriteAllPlans,
        ["DELETE /api/v1/column-aliases/{alias}"] = Need.WriteAllPlans,
        ["GET /problems/{name}"] = Need.Read,
        ["GET /api/v1/surveys"] = Need.Read,
        ["GET /api/v1/surveys/{code}"] = Need.Read,
        ["PUT /api/v1/surveys/{code}"] = Need.AdminAllPlans,
        ["POST /api/v1/surveys/{code}/responses"] = Need.WriteAllPlans,
        ["GET /"] = Need.Page,
        ["GET /planer/{slug}"] = Need.Page,
        ["GET /planer/{slug}/maal/{goalId}"] = Need.Page,
        ["GET /planer/{slug}/historik"] = Need.Page,
        ["GET /planer/{slug}/tjek"] = Need.Page,
        ["GET /planer/{slug}/styringskaede"] = Need.Page,
        ["GET /planer/{slug}/listestatus"] = Need.Page,
        ["GET /import/undersoegelse"] = Need.WriteAllPlans,
        ["GET /indikatorer/{code}"] = Need.Page,
        ["GET /planer/{slug}/maal/{goalId}/rediger"] = Need.Write,
        ["GET /planer/{slug}/ramme"] = Need.Write,
        ["GET /indikatorer/{code}/rediger"] = Need.Write,
        ["GET /import"] = Need.WriteAllPlans,
        ["GET /admin/log"] = Need.AdminAllPlans,
    };

    private static readonly string[] DashboardPages = Routes.Keys.Where(k => !k.Contains("/api/", StringComparison.Ordinal) && !k.Contains("/problems/", StringComparison.Ordinal)).ToArray();

    private sealed record Caller(string Role, bool Scoped, string Way)
    {
        public override string ToString() => Role == "none" ? "none" : $"{Role}{(Scoped ? "+scope" : "")} by {Way}";
    }

    /// <summary>
    /// The second table: the answer for a caller and a need. "=" is the answer an unscoped admin gets
    /// (access granted), "sign-in" a redirect to the sign-in page, "404" the scope's "not found" for
    /// values of a plan outside the scope.
    /// </summary>
    private static string Expected(Caller caller, Need need, bool page, bool outsideScope, bool scopeBound, string route)
    {
        if (caller.Role == "none")
            return page ? "sign-in" : "401";
        var refused = page && caller.Way == "session" ? "sign-in" : "403";
        var roleMay = need switch
        {
            Need.Read or Need.ReadAllPlans => true,
            Need.Page or Need.Report => caller.Role != "bi",
            Need.Write or Need.WriteAllPlans => caller.Role is "admin" or "analyst",
            _ => caller.Role == "admin",
        };
        if (!roleMay)
            return refused;
        // The handler refuses a viewer without a steering group, after the scope gate has had its say.
        var granted = need == Need.Report && caller.Role == "viewer" ? refused : "=";
        if (!caller.Scoped)
            return granted;
        if (need is Need.WriteAllPlans or Need.ReadAllPlans or Need.AdminAllPlans)
            return "403";
        if (route == "GET /api/v1/observations")
            return "403"; // a scoped caller names one of its areas
        return outsideScope && scopeBound ? "404" : granted;
    }

    [Test]
    public async Task Every_route_answers_every_caller_as_the_tables_say()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite, anonymousRead: false);
        var admin = api.AdminClient();
        var inside = await PlanValuesAsync(admin, "oesterby-nord", "0902-AAPARKEN");
        var outside = await PlanValuesAsync(admin, "vesteraa-parkerne", "0901-SOLHAVEN");

        var document = await admin.GetFromJsonAsync<JsonElement>("/swagger/v1/swagger.json");
        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .Concat(DashboardPages).ToList();
        Assert.That(operations.Where(o => !Routes.ContainsKey(o)), Is.Empty, "every served route has a row in the table");

        var callers = new List<(Caller Caller, HttpClient Client)> { (new Caller("none", false, "none"), BrowserSession.Anonymous(api)) };
        foreach (var role in new[] { "admin", "analyst", "viewer", "bi" })
        {
            foreach (var scoped in role == "admin" ? new[] { false } : [false, true])
            {
                string[] scope = scoped ? ["oesterby-nord"] : [];
                var key = BrowserSession.Anonymous(api);
                key.DefaultRequestHeaders.Add("X-Api-Key", await api.CreateKeyAsync(role, scope));
                callers.Add((new Caller(role, scoped, "key"), key));
                callers.Add((new Caller(role, scoped, "session"), (await BrowserSession.SignInAsync(api, role, scope)).Client));
            }
        }

        var mismatches = new StringBuilder();
        var checkedCount = 0;
        foreach (var route in operations)
        {
            var page = DashboardPages.Contains(route);
            var scopeBound = ScopeBound().IsMatch(route);
            foreach (var (values, outsideScope) in scopeBound ? new[] { (inside, false), (outside, true) } : [(inside, false)])
            {
                var baseline = await SendAsync(admin, route, values);
                foreach (var (caller, client) in callers)
                {
                    var expected = Expected(caller, Routes[route], page, outsideScope, scopeBound, route);
                    var actual = await SendAsync(client, route, values);
                    checkedCount++;
                    if (!Matches(expected, actual, baseline))
                        mismatches.AppendLine($"{route} [{(outsideScope ? "other plan" : "own plan")}] {caller}: expected {expected} ({baseline}), got {actual}");
                }
            }
        }

        Assert.That(mismatches.ToString(), Is.Empty);
        Assert.That(checkedCount, Is.GreaterThan(1000));
    }

    // The dashboard's forms (posts with an antiforgery token), by route without constraints → what they
    // need. A form missing here fails the test. The sign-in and sign-out forms are for everyone and are
    // tested in SignInTests (posting them here would end the sessions the test uses).
    private static readonly Dictionary<string, Need> Forms = new(StringComparer.Ordinal)
    {
        ["POST /indikatorer/{code}/kommentarer"] = Need.Write, // the plan is a form field, checked by the handler
        ["POST /planer/{slug}/maal/{goalId}/rediger"] = Need.Write,
        ["POST /planer/{slug}/aktiviteter/{id}"] = Need.Report,
        ["POST /planer/{slug}/aktiviteter/import"] = Need.Write,
        ["POST /planer/{slug}/forslag/{key}/bekraeft"] = Need.Write,
        ["POST /planer/{slug}/forslag/{key}/afvis"] = Need.Write,
        ["POST /planer/{slug}/ramme"] = Need.Write,
        ["POST /indikatorer/{code}/rediger"] = Need.WriteAllPlans, // indicators are shared definitions
        ["POST /import/undersoegelse"] = Need.WriteAllPlans,
        ["POST /import"] = Need.WriteAllPlans,
        ["POST /import/bekraeft"] = Need.WriteAllPlans, // saves a previewed file, which may hold any plan's areas
        ["POST /import/{id}/fortryd"] = Need.WriteAllPlans,
    };

    /// <summary>
    /// Every dashboard form, posted with the page's token by sessions of every writing role with and
    /// without a plan scope, with the values (and the form field <c>plan</c>) of a plan inside and one
    /// outside the scope. The fields are left empty, so an allowed caller gets the form's own refusal
    /// (a note, 400) and nothing is written; the check is whether access was granted.
    /// </summary>
    [Test]
    public async Task Every_dashboard_form_answers_every_session_as_the_tables_say()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite, anonymousRead: false);
        var admin = api.AdminClient();
        var inside = await PlanValuesAsync(admin, "oesterby-nord", "0902-AAPARKEN");
        var outside = await PlanValuesAsync(admin, "vesteraa-parkerne", "0901-SOLHAVEN");
        inside = inside with { ActivityId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/activities"))[0].GetProperty("id").GetInt64() };
        outside = outside with { ActivityId = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/vesteraa-parkerne/activities"))[0].GetProperty("id").GetInt64() };

        var forms = api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true } && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Constraint().Replace(e.RoutePattern.RawText ?? "", "}")}"))
            .ToList();
        Assert.That(forms.Where(f => !Forms.ContainsKey(f)), Is.Empty, "every dashboard form has a row in the table");
        Assert.That(forms, Does.Contain("POST /indikatorer/{code}/kommentarer"));

        var adminSession = await BrowserSession.SignInAsync(api, "admin");
        var sessions = new List<(Caller Caller, BrowserSession Session)>();
        foreach (var role in new[] { "analyst", "viewer" })
        {
            foreach (var scoped in new[] { false, true })
                sessions.Add((new Caller(role, scoped, "session"), await BrowserSession.SignInAsync(api, role, scoped ? ["oesterby-nord"] : [])));
        }

        var mismatches = new StringBuilder();
        foreach (var route in forms)
        {
            var scopeBound = ScopeBound().IsMatch(route);
            foreach (var (values, outsideScope) in scopeBound ? new[] { (inside, false), (outside, true) } : [(inside, false)])
            {
                var baseline = await PostFormAsync(adminSession, route, values);
                foreach (var (caller, session) in sessions)
                {
                    var expected = Expected(caller, Forms[route], page: true, outsideScope, scopeBound, route);
                    var actual = await PostFormAsync(session, route, values);
                    if (!Matches(expected, actual, baseline))
                        mismatches.AppendLine($"{route} [{(outsideScope ? "other plan" : "own plan")}] {caller}: expected {expected} ({baseline}), got {actual}");
                }
            }
        }

        Assert.That(mismatches.ToString(), Is.Empty);
    }

    /// <summary>
    /// Posts the form at <paramref name="route"/> with the plan's values and a token from the sign-in page (it has the
    /// sign-out form); the answer as "status" or "302 location". Multipart, as the upload forms need (the others read
    /// it as well); the comment's required fields are filled but its kind is invalid, so it is refused before writing.
    /// </summary>
    private static async Task<string> PostFormAsync(BrowserSession session, string route, PlanValues values)
    {
        var path = route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..];
        var url = path.Replace("{slug}", values.Slug, StringComparison.Ordinal)
            .Replace("{goalId}", values.GoalId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{id}", (path.Contains("/aktiviteter/", StringComparison.Ordinal) ? values.ActivityId : 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{key}", "x", StringComparison.Ordinal)
            .Replace("{code}", values.Indicator, StringComparison.Ordinal);
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in new[] { ("plan", values.Slug), ("area", values.Area), ("author", "Test"), ("text", "Test"), ("kind", "ugyldig") })
            content.Add(new StringContent(value), name);
        using var response = await session.PostMultipartAsync("/log-ind", url, content);
        var status = (int)response.StatusCode;
        return status is 301 or 302 or 303 ? $"{status} {response.Headers.Location}" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@":[a-z]+\}")]
    private static partial Regex Constraint();

    private static bool Matches(string expected, string actual, string baseline) => expected switch
    {
        "=" => actual == baseline,
        "sign-in" => actual.StartsWith("302 /log-ind?", StringComparison.Ordinal),
        _ => actual == expected,
    };

    private sealed record PlanValues(string Slug, long GoalId, long TargetId, string Indicator, string Area, long ActivityId = 0);

    /// <summary>A plan's first goal and target, an indicator and an area only that plan has (<paramref name="notArea"/> belongs to the other).</summary>
    private static async Task<PlanValues> PlanValuesAsync(HttpClient admin, string slug, string notArea)
    {
        var goals = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}/goals");
        var goal = goals[0];
        var target = goal.GetProperty("targets")[0];
        var plan = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}");
        var area = plan.GetProperty("areaCodes").EnumerateArray().Select(a => a.GetString()!).First(a => a != notArea);
        var indicator = slug == "oesterby-nord" ? "FRAFLYTNING" : "DAGTILBUD_0_5"; // each used by its own plan only
        return new PlanValues(slug, goal.GetProperty("id").GetInt64(), target.GetProperty("id").GetInt64(), indicator, area);
    }

    /// <summary>Calls the route with the plan's values; the answer as "status" or "302 location".</summary>
    private static async Task<string> SendAsync(HttpClient client, string route, PlanValues values)
    {
        var space = route.IndexOf(' ', StringComparison.Ordinal);
        var method = new HttpMethod(route[..space]);
        var path = route[(space + 1)..];
        var id = path.StartsWith("/api/v1/goals", StringComparison.Ordinal) || path.StartsWith("/api/v1/charts/goals", StringComparison.Ordinal) ? values.GoalId
            : path.StartsWith("/api/v1/targets", StringComparison.Ordinal) || path.StartsWith("/api/v1/charts/targets", StringComparison.Ordinal) ? values.TargetId
            : path.StartsWith("/api/v1/keys", StringComparison.Ordinal) || path.StartsWith("/api/v1/sign-in-links", StringComparison.Ordinal) ? 999_999
            : 1;
        var url = path.Replace("{slug}", values.Slug, StringComparison.Ordinal).Replace("{goalId}", values.GoalId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{id}", path.Contains("/jobs/", StringComparison.Ordinal) ? "evaluation-snapshots" : id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{format}", "svg", StringComparison.Ordinal).Replace("{asOf}", "2024-01-01", StringComparison.Ordinal)
            .Replace("{code}", path.Contains("ndi", StringComparison.Ordinal) ? values.Indicator : path.Contains("/areas/", StringComparison.Ordinal) ? values.Area : "koen", StringComparison.Ordinal);
        if (path.Contains("/charts/indicators/", StringComparison.Ordinal) || path == "/indikatorer/{code}")
            url += "?area=" + values.Area;
        if (method != HttpMethod.Get)
            url += (url.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "dryRun=true";
        using var request = new HttpRequestMessage(method, url);
        if (method != HttpMethod.Get && method != HttpMethod.Delete)
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        using var response = await client.SendAsync(request);
        var status = (int)response.StatusCode;
        return status is 301 or 302 or 303 ? $"{status} {response.Headers.Location}" : status.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"\{slug\}|\{goalId\}|/goals/\{id\}|/targets/\{id\}|/indicators/\{code\}|/indikatorer/\{code\}|/areas/\{code\}")]
    private static partial Regex ScopeBound();
}
