using System.Xml;
using Microsoft.OData;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;

namespace Monitoring.Tests.Api.OData;

/// <summary>
/// Reads the feed as an OData client does: the model from the served <c>$metadata</c>, and every
/// payload through Microsoft.OData.Core's reader against it, so a payload that does not match its
/// metadata fails the test.
/// </summary>
public sealed class ODataFeedReader(HttpClient client, IEdmModel model)
{
    public IEdmModel Model => model;

    public static async Task<ODataFeedReader> OpenAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/odata/$metadata");
        Assert.That((int)response.StatusCode, Is.EqualTo(200), await response.Content.ReadAsStringAsync());
        using var xml = XmlReader.Create(await response.Content.ReadAsStreamAsync());
        return new ODataFeedReader(client, CsdlReader.Parse(xml));
    }

    /// <summary>One page: the top-level entries with their properties, the next link and the count if asked.</summary>
    public async Task<FeedPage> PageAsync(string entitySet, string url, string? prefer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (prefer is not null)
            request.Headers.Add("Prefer", prefer);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That((int)response.StatusCode, Is.EqualTo(200), System.Text.Encoding.UTF8.GetString(body));
        var message = new ResponseMessage(new MemoryStream(body), response.Content.Headers.ContentType!.ToString());
        // The client's default 1 MB quota is smaller than one server page of the sample observations (which grew
        // with the statutory-list criteria); the test reads what the server sends, so the quota follows the body.
        var settings = new ODataMessageReaderSettings
        {
            BaseUri = client.BaseAddress,
            Validations = ValidationKinds.All,
            MessageQuotas = new ODataMessageQuotas { MaxReceivedMessageSize = Math.Max(body.Length + 1, 1024 * 1024) },
        };
        using var reader = new ODataMessageReader((IODataResponseMessage)message, settings, model);
        var set = model.EntityContainer.FindEntitySet(entitySet);
        var feed = reader.CreateODataResourceSetReader(set, set.EntityType);
        var entries = new List<FeedEntry>();
        var depth = 0;
        Uri? next = null;
        long? count = null;
        var expanded = new Dictionary<string, object?>();
        while (feed.Read())
        {
            switch (feed.State)
            {
                case ODataReaderState.NestedResourceInfoStart:
                    depth++;
                    break;
                case ODataReaderState.NestedResourceInfoEnd:
                    depth--;
                    break;
                case ODataReaderState.ResourceEnd when depth == 0 && feed.Item is ODataResource resource:
                    entries.Add(new FeedEntry(resource.Properties.OfType<ODataProperty>().ToDictionary(p => p.Name, p => (object?)p.Value), expanded));
                    expanded = [];
                    break;
                case ODataReaderState.ResourceEnd when depth == 1 && feed.Item is ODataResource nested:
                    foreach (var p in nested.Properties.OfType<ODataProperty>())
                        expanded[p.Name] = p.Value;
                    break;
                case ODataReaderState.ResourceSetEnd when depth == 0 && feed.Item is ODataResourceSet resourceSet:
                    next = resourceSet.NextPageLink;
                    count = resourceSet.Count;
                    break;
            }
        }
        return new FeedPage(entries, next, count);
    }

    /// <summary>Every entry, following <c>@odata.nextLink</c> until there is none.</summary>
    public async Task<(List<FeedEntry> Entries, int Pages)> AllAsync(string entitySet, string url, string? prefer = null)
    {
        var all = new List<FeedEntry>();
        var pages = 0;
        for (string? next = url; next is not null; pages++)
        {
            var page = await PageAsync(entitySet, next, prefer);
            all.AddRange(page.Entries);
            next = page.NextLink?.PathAndQuery;
        }
        return (all, pages);
    }

    private sealed class ResponseMessage(Stream body, string contentType) : IODataResponseMessage
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase) { ["Content-Type"] = contentType };

        public IEnumerable<KeyValuePair<string, string>> Headers => _headers;

        public int StatusCode { get; set; } = 200;

        public string? GetHeader(string headerName) => _headers.GetValueOrDefault(headerName);

        public void SetHeader(string headerName, string headerValue) => _headers[headerName] = headerValue;

        public Stream GetStream() => body;
    }
}

public sealed record FeedPage(IReadOnlyList<FeedEntry> Entries, Uri? NextLink, long? Count);

/// <summary>An entry's own properties, and the properties of the entries expanded into it (one level, merged).</summary>
public sealed record FeedEntry(IReadOnlyDictionary<string, object?> Properties, IReadOnlyDictionary<string, object?> Expanded)
{
    public object? this[string name] => Properties[name];

    public string Text(string name) => (string)Properties[name]!;
}
