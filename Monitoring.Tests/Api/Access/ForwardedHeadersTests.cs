using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Access;

/// <summary>
/// Behind a TLS proxy listed in <c>Monitoring:Proxy</c>, a request it forwarded with
/// <c>X-Forwarded-Proto: https</c> is HTTPS (the session cookie is Secure); the same header from any
/// other address, or with no proxy configured, changes nothing.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public partial class ForwardedHeadersTests(DatabaseProvider provider)
{
    private static readonly IPAddress Proxy = IPAddress.Parse("10.0.0.5");
    private static readonly IPAddress Elsewhere = IPAddress.Parse("192.0.2.7");

    private static Dictionary<string, string?> Trusting(string key, string value) => new() { [$"Monitoring:Proxy:{key}:0"] = value };

    [TestCase("KnownProxies", "10.0.0.5")]
    [TestCase("KnownNetworks", "10.0.0.0/24")]
    public async Task A_sign_in_forwarded_over_https_by_a_configured_proxy_gets_a_secure_cookie_and_one_from_elsewhere_does_not(string key, string value)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false, settings: Trusting(key, value));

        var viaProxy = await SessionCookieAsync(api, Proxy);
        var direct = await SessionCookieAsync(api, Elsewhere);

        Assert.That(viaProxy, Does.Contain("secure").IgnoreCase, "forwarded by the proxy over HTTPS");
        Assert.That(direct, Does.Not.Contain("secure").IgnoreCase, "X-Forwarded-Proto from an address that is not a proxy is ignored");
    }

    [Test]
    public async Task Without_a_configured_proxy_forwarded_headers_are_ignored()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider, anonymousRead: false);

        Assert.That(await SessionCookieAsync(api, IPAddress.Loopback), Does.Not.Contain("secure").IgnoreCase, "not even loopback is trusted by default");
    }

    /// <summary>Redeems a new sign-in link in requests from <paramref name="from"/> carrying X-Forwarded-Proto: https; the session's Set-Cookie.</summary>
    private static async Task<string> SessionCookieAsync(MonitoringApiFactory api, IPAddress from)
    {
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/sign-in-links", new { name = "Mette Hansen", role = "viewer", planScope = Array.Empty<string>() });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var path = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;

        var page = await api.Server.SendAsync(context => Forwarded(context, from, "GET", path));
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        var token = WebUtility.HtmlDecode(TokenField().Match(html).Groups[1].Value);
        var cookies = string.Join("; ", page.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        Assert.That(token, Is.Not.Empty, html);

        var body = Encoding.UTF8.GetBytes("__RequestVerificationToken=" + Uri.EscapeDataString(token));
        var signedIn = await api.Server.SendAsync(context =>
        {
            Forwarded(context, from, "POST", path);
            context.Request.Headers.Cookie = cookies;
            context.Request.ContentType = "application/x-www-form-urlencoded";
            context.Request.Body = new MemoryStream(body);
        });
        Assert.That(signedIn.Response.StatusCode, Is.EqualTo(StatusCodes.Status302Found));
        return signedIn.Response.Headers.SetCookie.Select(c => c!).Single(c => c.StartsWith("monitoring.session=", StringComparison.Ordinal));
    }

    private static void Forwarded(HttpContext context, IPAddress from, string method, string path)
    {
        context.Request.Method = method;
        context.Request.Scheme = "http";
        context.Request.Path = path;
        context.Connection.RemoteIpAddress = from;
        context.Request.Headers["X-Forwarded-Proto"] = "https";
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.9";
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
