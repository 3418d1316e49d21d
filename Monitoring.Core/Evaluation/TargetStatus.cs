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
