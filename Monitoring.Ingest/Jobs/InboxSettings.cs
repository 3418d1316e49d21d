namespace Monitoring.Ingest.Jobs;

/// <summary>Bound from <c>Monitoring:Jobs:Inbox</c>.</summary>
public sealed class InboxSettings
{
    /// <summary>A file without a <c>NAME.ready</c> marker is taken only when its size and time are the same over two looks this far apart.</summary>
    public TimeSpan SettleTime { get; set; } = TimeSpan.FromSeconds(5);
}
