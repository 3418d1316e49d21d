using Monitoring.Core.Evaluation;

namespace Monitoring.Core.Charts;

/// <summary>
/// Okabe–Ito colours, safe for colour-blind readers; a status is always shown with a symbol and
/// its Danish text as well, never by colour alone.
/// </summary>
public static class StatusPalette
{
    public const string Observed = "#0072B2";
    public const string Benchmark = "#999999";
    public const string Trajectory = "#009E73";
    public const string Projection = "#CC79A7";
    public const string Target = "#D55E00";
    public const string Band = "#56B4E9";

    public static string Color(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "#009E73",
        TargetStatus.OnTrack => "#0072B2",
        TargetStatus.AtRisk => "#E69F00",
        TargetStatus.OffTrack => "#D55E00",
        _ => "#777777",
    };

    public static string Symbol(TargetStatus status) => status switch
    {
        TargetStatus.Achieved => "★",
        TargetStatus.OnTrack => "▲",
        TargetStatus.AtRisk => "◆",
        TargetStatus.OffTrack => "▼",
        _ => "○",
    };
}
