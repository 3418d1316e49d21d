namespace Monitoring.Ingest.Reports.Brief;

/// <summary>
/// How much of each list the brief shows and how large. The brief tries the richest first and
/// takes the first that fits the page without cutting anything, so a small plan fills the page
/// with larger text and whole comments, and a large plan shrinks its lists ("+ 3 mål mere")
/// instead of spilling onto a second page.
/// </summary>
public sealed record BriefDensity(double TextSize, double SparklineHeight, int TargetsPerGoal, int CommentLines, int MattersPerGoal, int GoodItems)
{
    public static readonly IReadOnlyList<BriefDensity> Ladder =
    [
        new(10.5, 26, 4, 8, 3, 8),
        new(9.5, 22, 4, 6, 3, 6),
        new(9, 20, 4, 5, 2, 5),
        new(8.5, 18, 3, 4, 2, 4),
        new(8, 16, 2, 4, 2, 3),
        new(8, 16, 2, 3, 1, 3),
        new(7.5, 15, 2, 3, 1, 3),
        new(7.5, 14, 1, 3, 1, 3),
        new(7.5, 14, 1, 2, 1, 2),
        new(7, 13, 1, 2, 1, 2),
    ];
}
