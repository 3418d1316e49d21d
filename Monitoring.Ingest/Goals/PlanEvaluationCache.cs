using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Caching;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Goals;

/// <summary>
/// Evaluations reused while the data stay the same. A plan's status evaluates every target from
/// several queries; between imports every request would compute the same answer again. Entries are
/// keyed by the data version (<see cref="DataVersionStore"/>), so a request costs one tiny query
/// while nothing was written, and the first request after a write computes afresh: nothing is ever
/// invalidated by hand, and several API instances on one PostgreSQL database agree on when data changed.
/// </summary>
public sealed class PlanEvaluationCache(
    PlanEvaluationReader reader, DataVersionStore versions, IMemoryCache cache, IOptions<SuppressionOptions> suppression)
{
    // Entries of an older version are never asked for again; they leave by expiry or size pressure.
    private static readonly TimeSpan Idle = TimeSpan.FromMinutes(10);

    /// <summary>The current data version: read it before the data it stands for, never after.</summary>
    public Task<DataVersion> VersionAsync(CancellationToken cancellationToken = default) => versions.CurrentAsync(cancellationToken);

    public async Task<PlanEvaluation?> EvaluatePlanAsync(string slug, Period? asOf, CancellationToken cancellationToken = default) =>
        await EvaluatePlanAsync(slug, asOf, await VersionAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// The plan's evaluation for a version the caller has read (e.g. for its ETag). The version is
    /// read before the data, so what is stored under it is never older than it; a write that lands
    /// in between makes the entry newer than its key, which the next version's request corrects.
    /// </summary>
    public Task<PlanEvaluation?> EvaluatePlanAsync(string slug, Period? asOf, DataVersion version, CancellationToken cancellationToken = default) =>
        GetOrEvaluateAsync(new Key("plan", slug, asOf, version, suppression.Value.MinCount),
            () => reader.EvaluatePlanAsync(slug, asOf, cancellationToken));

    public async Task<TargetEvaluation?> EvaluateTargetAsync(long targetId, Period? asOf, CancellationToken cancellationToken = default) =>
        await EvaluateTargetAsync(targetId, asOf, await VersionAsync(cancellationToken), cancellationToken);

    public Task<TargetEvaluation?> EvaluateTargetAsync(long targetId, Period? asOf, DataVersion version, CancellationToken cancellationToken = default) =>
        GetOrEvaluateAsync(new Key("target", targetId.ToString(System.Globalization.CultureInfo.InvariantCulture), asOf, version, suppression.Value.MinCount),
            () => reader.EvaluateTargetAsync(targetId, asOf, cancellationToken));

    private async Task<T?> GetOrEvaluateAsync<T>(Key key, Func<Task<T?>> evaluate) where T : class
    {
        // A miss is not shared between concurrent requests: two may compute the same evaluation
        // once, which costs less than making every request wait on a lock.
        if (cache.TryGetValue(key, out Entry<T>? hit) && hit is not null)
            return hit.Value;
        var value = await evaluate();
        // "Not found" is cached too: it also holds until the next write.
        cache.Set(key, new Entry<T>(value), new MemoryCacheEntryOptions { Size = CacheBytes.Evaluation, SlidingExpiration = Idle });
        return value;
    }

    /// <summary>
    /// The minimum count is part of the key although one process has one: it changes what is
    /// withheld and so what is computed, and it must never be left out when settings can change.
    /// </summary>
    private readonly record struct Key(string Kind, string Id, Period? AsOf, DataVersion Version, int MinCount);

    private sealed record Entry<T>(T? Value) where T : class;
}
