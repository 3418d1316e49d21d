using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>
/// The whole OpenID Connect sign-in against a real provider (oidc-provider under Node on loopback):
/// the service's sign-in button → the provider's authorize → its login and consent pages → the
/// callback with the code → a session whose role and plan scope come from the provider's claims.
/// The service runs in-process under https://localhost, so the session cookie is Secure as in production.
/// </summary>
[NonParallelizable]
public partial class OidcSignInTests
{
    [Test]
    public async Task A_person_signs_in_at_the_organisations_provider_and_gets_the_role_and_plans_of_its_claims()
    {
        await using var provider = await OidcProviderProcess.StartAsync("https://localhost/signin-oidc");
        await using var api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite, anonymousRead: false, new Dictionary<string, string?>
        {
            ["Monitoring:Auth:Oidc:Authority"] = provider.Authority.ToString(),
            ["Monitoring:Auth:Oidc:ClientId"] = OidcProviderProcess.ClientId,
            ["Monitoring:Auth:Oidc:ClientSecret"] = OidcProviderProcess.ClientSecret,
            ["Monitoring:Auth:Oidc:RequireHttpsMetadata"] = "false",
            ["Monitoring:Auth:Oidc:Scopes:0"] = "monitoring",
            ["Monitoring:Auth:Oidc:RoleMap:Monitoring.Viewer"] = "viewer",
        });
        var service = api.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            HandleCookies = true,
            AllowAutoRedirect = false,
        });
        using var browserAtProvider = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() });

        var signInPage = WebUtility.HtmlDecode(await service.GetStringAsync("/log-ind?tilbage=/planer/vesteraa-parkerne"));
        Assert.That(signInPage, Does.Contain("Log ind med organisationens konto"));
        var response = await service.GetAsync("/log-ind/oidc?tilbage=/planer/vesteraa-parkerne");
        var sessionCookie = "";
        for (var step = 0; step < 20 && response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.SeeOther or HttpStatusCode.Found or HttpStatusCode.OK; step++)
        {
            if (response.StatusCode == HttpStatusCode.OK)
            {
                // A page of the provider's: its login form (any password) or its consent form.
                var html = await response.Content.ReadAsStringAsync();
                var form = FormTag().Match(html);
                Assert.That(form.Success, Is.True, html);
                var fields = HiddenField().Matches(html).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
                if (html.Contains("name=\"login\"", StringComparison.Ordinal))
                {
                    fields["login"] = "mette";
                    fields["password"] = "any";
                }
                var action = new Uri(response.RequestMessage!.RequestUri!, WebUtility.HtmlDecode(FormAction().Match(form.Value).Groups[1].Value));
                // The last page is the provider's form_post back to the service's callback, which a browser submits by script.
                response = action.Host == "localhost"
                    ? await service.PostAsync(action.PathAndQuery, new FormUrlEncodedContent(fields))
                    : await browserAtProvider.PostAsync(action, new FormUrlEncodedContent(fields));
                continue;
            }
            var location = new Uri(response.RequestMessage!.RequestUri!, response.Headers.Location!);
            if (response.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.FirstOrDefault(c => c.StartsWith("monitoring.session=", StringComparison.Ordinal)) is { } session)
            {
                sessionCookie = session;
                Assert.That(location.PathAndQuery, Is.EqualTo("/planer/vesteraa-parkerne"), "back where the person wanted to go");
                break;
            }
            response = location.Host == "localhost"
                ? await service.GetAsync(location.PathAndQuery)
                : await browserAtProvider.GetAsync(location);
        }

        Assert.That(sessionCookie, Does.Contain("secure").IgnoreCase.And.Contain("httponly").IgnoreCase.And.Contain("samesite=lax").IgnoreCase);
        var plan = await service.GetAsync("/planer/vesteraa-parkerne");
        var otherPlan = await service.GetAsync("/planer/oesterby-nord");
        var editPage = await service.GetAsync("/planer/vesteraa-parkerne/ramme");
        var audit = await api.AdminClient().GetStringAsync("/api/v1/audit");

        Assert.That(plan.StatusCode, Is.EqualTo(HttpStatusCode.OK), "signed in, with the plan of the monitoring_plans claim");
        Assert.That(otherPlan.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "and only that plan");
        Assert.That(editPage.Headers.Location?.ToString(), Does.Contain("grund=rolle"), "a viewer, from the roles claim");
        Assert.That(JsonDocument.Parse(audit).RootElement.EnumerateArray().Select(e => e.GetProperty("actor").GetString()),
            Does.Contain("Mette Hansen (oidc:mette)"));
    }

    [GeneratedRegex("<form[^>]*method=\"post\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex FormTag();

    [GeneratedRegex("action=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex FormAction();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"", RegexOptions.IgnoreCase)]
    private static partial Regex HiddenField();
}
