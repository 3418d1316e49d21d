namespace Monitoring.Core.Suppression;

/// <summary>
/// A shown share may still give away a small group through its counts: "3 of 6" names three
/// persons who answered no. Counts are shown only when both the count and its complement reach
/// the threshold; the share and its interval are shown either way.
/// </summary>
public static class CountDisclosure
{
    public static bool CountsShown(double? numerator, double? denominator, int minCount) =>
        numerator is { } x && denominator is { } n && x >= minCount && n - x >= minCount;
}
