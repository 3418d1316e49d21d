namespace Monitoring.Core.Chain;

/// <summary>
/// The stored words for an activity's status (sql/*/V0015), kept as the secretariat writes them.
/// Planned, running and finished activities are on schedule; delayed and stopped ones are not.
/// </summary>
public static class ActivityStatus
{
    public const string Planned = "planlagt";
    public const string Running = "i_gang";
    public const string Delayed = "forsinket";
    public const string Finished = "afsluttet";
    public const string Stopped = "stoppet";

    public static readonly IReadOnlyList<string> All = [Planned, Running, Delayed, Finished, Stopped];

    public static bool OnSchedule(string status) => status is Planned or Running or Finished;

    /// <summary>The status as a form or upload gives it ("i gang", "I_GANG", "Forsinket"), or null when it is not one.</summary>
    public static string? Normalise(string? status)
    {
        if (string.IsNullOrWhiteSpace(status))
            return null;
        var word = status.Trim().ToLowerInvariant().Replace(' ', '_');
        return All.Contains(word) ? word : null;
    }

    /// <summary>How the pages and the brief name a status to the board.</summary>
    public static string Label(string status) => status switch
    {
        Planned => "planlagt",
        Running => "i gang",
        Delayed => "forsinket",
        Finished => "afsluttet",
        Stopped => "stoppet",
        _ => status,
    };
}
