using System.Collections.Concurrent;
using Microsoft.Net.Http.Headers;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Http;

/// <summary>
/// A <c>Last-Modified</c> for answers computed from the data version: when this process first saw
/// that version. The version has no time of its own; the first sighting is never earlier than the
/// write, so a client's <c>If-Modified-Since</c> never hides a change (after a restart it only costs
/// one full download). Clients that send the ETag are answered by it instead.
/// </summary>
public sealed class DataVersionLastModified(TimeProvider clock)
{
    private const int Remembered = 64;
    private readonly ConcurrentDictionary<DataVersion, DateTimeOffset> _firstSeen = new();

    private readonly Lock _gate = new();
    private DateTimeOffset _latest = DateTimeOffset.MinValue;

    public DateTimeOffset For(DataVersion version)
    {
        if (_firstSeen.TryGetValue(version, out var seen))
            return seen;
        lock (_gate)
        {
            if (_firstSeen.TryGetValue(version, out seen))
                return seen;
            if (_firstSeen.Count > Remembered)
                _firstSeen.Clear();
            // HTTP dates have whole seconds. Each new version gets a later one than the last, so two
            // writes in one second never share a date and If-Modified-Since cannot hide the second.
            var now = clock.GetUtcNow();
            var whole = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
            _latest = whole > _latest ? whole : _latest.AddSeconds(1);
            _firstSeen[version] = _latest;
            return _latest;
        }
    }

    /// <summary>Sets <c>Last-Modified</c> and tells whether <c>If-Modified-Since</c> (honoured only without <c>If-None-Match</c>, RFC 9110 §13.1.3) already covers it.</summary>
    public bool Apply(HttpContext context, DataVersion version)
    {
        var lastModified = For(version);
        var headers = context.Request.GetTypedHeaders();
        context.Response.GetTypedHeaders().LastModified = lastModified;
        return context.Request.Headers.IfNoneMatch.Count == 0 && headers.IfModifiedSince is { } since && lastModified <= since;
    }
}
