using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Monitoring.Tests.Support;

/// <summary>
/// A person in a browser, as far as HTTP goes: cookies kept, redirects not followed (so tests see
/// them), signed in by a personal sign-in link an admin created, posting forms with the antiforgery
/// token the page gave out.
/// </summary>
public sealed partial class BrowserSession(HttpClient client)
{
    public HttpClient Client { get; } = client;

    public static HttpClient Anonymous(MonitoringApiFactory api) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    /// <summary>Signs in as a new person with <paramref name="role"/> and the plan scope given (none = every plan).</summary>
    public static async Task<BrowserSession> SignInAsync(MonitoringApiFactory api, string role, params string[] planScope)
    {
        var created = await api.AdminClient().PostAsJsonAsync("/api/v1/sign-in-links", new { name = $"Test {role}", role, planScope });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var path = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var session = new BrowserSession(Anonymous(api));
        var signedIn = await session.PostFormAsync(path, path);
        Assert.That(signedIn.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(signedIn.Headers.Location?.ToString(), Is.EqualTo("/"));
        return session;
    }

    /// <summary>Opens <paramref name="pageUrl"/> for its form token, then posts the fields to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string pageUrl, string postUrl, params (string Name, string Value)[] fields)
    {
        var token = await TokenAsync(pageUrl);
        var all = fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token));
        return await Client.PostAsync(postUrl, new FormUrlEncodedContent(all));
    }

    /// <summary>A multipart post (file uploads) with the page's form token.</summary>
    public async Task<HttpResponseMessage> PostMultipartAsync(string pageUrl, string postUrl, MultipartFormDataContent content)
    {
        content.Add(new StringContent(await TokenAsync(pageUrl)), "__RequestVerificationToken");
        return await Client.PostAsync(postUrl, content);
    }

    public async Task<string> TokenAsync(string pageUrl)
    {
        var page = await Client.GetAsync(pageUrl);
        var html = await page.Content.ReadAsStringAsync();
        var match = TokenField().Match(html);
        Assert.That(match.Success, Is.True, $"{pageUrl} ({(int)page.StatusCode}) has no form token: {html[..Math.Min(html.Length, 500)]}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenField();
}
