using System.Net;
using System.Text.Json;

namespace Monitoring.Tests.Support;

/// <summary>Reads an RFC 9457 problem response and checks its media type.</summary>
public static class ProblemJson
{
    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
