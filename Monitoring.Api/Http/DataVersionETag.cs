using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Monitoring.Ingest.Caching;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Http;

/// <summary>
/// ETags for computed reads. What such a read answers is a function of the data (the data version),
/// the question (the parts: route values, asOf, format, dialect, size, filter, cursor), the
/// settings that change results (suppression minimum count) and the code that computes and writes
/// it (the build). Hashing those gives the ETag before any work is done, so a client that already
/// has the answer gets <c>304 Not Modified</c> for the price of one tiny query.
/// </summary>
public sealed class DataVersionETag(DataVersionStore versions, IOptions<SuppressionOptions> suppression, IMemoryCache cache)
{
    /// <summary>
    /// Changes when any assembly that computes or writes a response changes (deterministic builds
    /// give each a module id from its content): a new release must not answer 304 for what an
    /// older one wrote.
    /// </summary>
    private static readonly string Build = string.Join(',',
        new[] { typeof(DataVersionETag), typeof(DataVersionStore), typeof(Core.Evaluation.TargetEvaluator) }
            .Select(t => t.Assembly.ManifestModule.ModuleVersionId.ToString("N", CultureInfo.InvariantCulture)));

    /// <summary>Reads the data version and computes the tag of this request; <paramref name="parts"/> name the question.</summary>
    public async Task<Tag> ForAsync(HttpContext context, string kind, IEnumerable<string?> parts, CancellationToken cancellationToken)
    {
        var version = await versions.CurrentAsync(cancellationToken);
        var text = new StringBuilder("v1");
        foreach (var part in new[] { Build, version.ToString(), suppression.Value.MinCount.ToString(CultureInfo.InvariantCulture), kind }.Concat(parts))
        {
            // Length-prefixed so no part can run into the next; null differs from empty.
            text.Append('|').Append(part is null ? "~" : $"{part.Length.ToString(CultureInfo.InvariantCulture)}:{part}");
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        var value = $"\"{hash}\"";
        return new Tag(version, hash, value, Matches(context.Request, value));
    }

    /// <summary>
    /// The body a request got under this tag, made once: the tag names the data, the question and
    /// the build, so while nothing is written the same request is answered from memory without
    /// being evaluated or serialised again. A missing resource (null) is not remembered.
    /// </summary>
    public async Task<byte[]?> BodyAsync(Tag tag, Func<Task<byte[]?>> produce)
    {
        var key = "body|" + tag.Hash;
        if (cache.TryGetValue(key, out byte[]? hit) && hit is not null)
            return hit;
        var body = await produce();
        if (body is not null)
            cache.Set(key, body, new MemoryCacheEntryOptions { Size = CacheBytes.Of(body), SlidingExpiration = TimeSpan.FromMinutes(30) });
        return body;
    }

    /// <summary>
    /// If-None-Match compares weakly (RFC 9110 §13.1.2): W/"x" matches "x". A bare * is not
    /// honoured: the tag is checked before the resource is looked up, and * would answer 304 for a
    /// plan or target that does not exist; a full answer is always allowed instead.
    /// </summary>
    private static bool Matches(HttpRequest request, string value)
    {
        var mine = new EntityTagHeaderValue(value);
        return request.GetTypedHeaders().IfNoneMatch.Any(tag => tag.Compare(mine, useStrongComparison: false));
    }

    /// <summary>A request's tag: the data version it was computed for, and whether the client already has the answer.</summary>
    public sealed record Tag(DataVersion Version, string Hash, string Value, bool NotModified)
    {
        /// <summary>Puts the validator on the response; <paramref name="cacheControl"/> defaults to "revalidate every time", cheap with this tag.</summary>
        public void Apply(HttpContext context, string cacheControl = "private, no-cache")
        {
            context.Response.Headers.ETag = Value;
            context.Response.Headers.CacheControl = cacheControl;
        }

        /// <summary>The 304 with no body, carrying the validator as RFC 9110 §15.4.5 asks.</summary>
        public IResult NotModifiedResult(HttpContext context, string cacheControl = "private, no-cache")
        {
            Apply(context, cacheControl);
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }
    }
}
