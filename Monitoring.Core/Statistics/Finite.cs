namespace Monitoring.Core.Statistics;

/// <summary>
/// The guard that keeps NaN and infinity away from every output: a figure that overflowed is not
/// shown as a number but reported as "cannot be computed", with the reason.
/// </summary>
public static class Finite
{
    /// <summary>Said when a computation overflowed (values near ±10^308 in a target's baseline or target).</summary>
    public const string Reason = "Cannot be computed: the values are too large to compute with.";

    /// <summary>True when every given figure is finite; absent (null) figures are not computed and pass.</summary>
    public static bool All(params ReadOnlySpan<double?> values)
    {
        foreach (var value in values)
        {
            if (value is { } v && !double.IsFinite(v))
                return false;
        }
        return true;
    }
}
