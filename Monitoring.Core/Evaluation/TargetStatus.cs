namespace Monitoring.Core.Evaluation;

/// <summary>How a target stands, as DESIGN §5 defines it.</summary>
public enum TargetStatus
{
    Achieved,
    OnTrack,
    AtRisk,
    OffTrack,
    InsufficientData,
}

public static class TargetStatusText
{
    public static string Danish(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "nået",
        TargetStatus.OnTrack => "på sporet",
        TargetStatus.AtRisk => "i risiko",
        TargetStatus.OffTrack => "ikke på sporet",
        _ => "for få data",
    };

    public static string English(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "achieved",
        TargetStatus.OnTrack => "on track",
        TargetStatus.AtRisk => "at risk",
        TargetStatus.OffTrack => "off track",
        _ => "insufficient data",
    };

    /// <summary>The score a status adds to its goal: achieved and on track 1, at risk ½, off track 0.</summary>
    public static double? Score(TargetStatus status) => status switch
    {
        TargetStatus.Achieved or TargetStatus.OnTrack => 1.0,
        TargetStatus.AtRisk => 0.5,
        TargetStatus.OffTrack => 0.0,
        _ => null,
    };
}

/// <summary>Which rule of DESIGN §5 decided a status, so the sentence can state the figures behind it.</summary>
public enum Decision
{
    /// <summary>The latest value is at or past the target (inside the band).</summary>
    Achieved,

    /// <summary>The latest period is at or past the target period and the target was missed.</summary>
    DeadlinePassed,

    /// <summary>Progress is at or ahead of the straight line from baseline to target.</summary>
    OnTheLine,

    /// <summary>Progress is behind the straight line, but within the tolerance.</summary>
    WithinTolerance,

    /// <summary>Behind the line, but the projection reaches the target and the latest value is not worse than the baseline.</summary>
    Projection,

    /// <summary>Better than the baseline, behind the line, and the projection does not save it.</summary>
    BehindTheLine,

    /// <summary>Not better than the baseline (for a band: the distance to it has not shrunk).</summary>
    NotImproved,
}
