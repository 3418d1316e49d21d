namespace Monitoring.Ingest.Caching;

/// <summary>
/// The shared memory cache counts bytes, not entries: its size limit is
/// <c>Monitoring:Limits:CacheBytes</c>, and every entry says about how many bytes it holds, so
/// renders at many sizes push older entries out instead of growing the process.
/// </summary>
public static class CacheBytes
{
    public const string SettingKey = "Monitoring:Limits:CacheBytes";

    public const long DefaultLimit = 64L * 1024 * 1024;

    /// <summary>Bookkeeping of one entry besides its payload (key, entry object, options).</summary>
    public const long EntryOverhead = 256;

    /// <summary>
    /// An evaluated plan or target (objects, not bytes): a generous estimate, since measuring an
    /// object graph costs more than the cache saves.
    /// </summary>
    public const long Evaluation = 64 * 1024;

    public static long Of(byte[] payload) => EntryOverhead + (payload?.LongLength ?? 0);
}
