using Monitoring.Core.Statistics;

namespace Monitoring.Tests.Core.Statistics;

public class MannKendallTests
{
    [Test]
    public void A_steadily_rising_series_of_five_has_the_smallest_exact_p()
    {
        // Kendall's table, n = 5: only 1 of the 5! = 120 orderings has S = 10, and one has S = −10,
        // so the two-sided p is 2/120.
        var result = MannKendall.Test([1, 2, 3, 4, 5]);

        Assert.That(result.S, Is.EqualTo(10));
        Assert.That(result.Method, Is.EqualTo(PValueMethod.Exact));
        Assert.That(result.PValue, Is.EqualTo(2.0 / 120).Within(1e-12));
    }

    [Test]
    public void Exact_p_for_s_8_of_five_matches_kendalls_table()
    {
        // Kendall's table (n = 5): P(S ≥ 8) = 0.042 — 5 of 120 orderings have at most one inversion.
        // Two-sided: 10/120.
        var result = MannKendall.Test([1, 3, 2, 4, 5]);

        Assert.That(result.S, Is.EqualTo(8));
        Assert.That(result.PValue, Is.EqualTo(10.0 / 120).Within(1e-12));
    }

    [Test]
    public void Exact_p_values_agree_with_brute_force_enumeration_of_all_orderings_of_seven()
    {
        var n = 7;
        var counts = new Dictionary<int, int>();
        foreach (var permutation in Permutations(Enumerable.Range(0, n).ToArray()))
        {
            var s = MannKendall.Test(permutation.Select(v => (double)v).ToArray()).S;
            counts[s] = counts.GetValueOrDefault(s) + 1;
        }
        var total = counts.Values.Sum();

        foreach (var s in counts.Keys)
        {
            var bruteForce = counts.Where(c => Math.Abs(c.Key) >= Math.Abs(s)).Sum(c => c.Value) / (double)total;
            Assert.That(MannKendall.ExactTwoSidedP(n, s), Is.EqualTo(bruteForce).Within(1e-12), $"S = {s}");
        }
    }

    [Test]
    public void Ties_use_the_tie_corrected_normal_approximation_with_continuity_correction()
    {
        // Hand calculation for 1, 2, 2, 3, 4, 5: S = 5 + 3 + 3 + 2 + 1 = 14 (the tied pair adds 0).
        // Var = [6·5·17 − 2·1·9]/18 = 492/18 = 27.333; Z = (14 − 1)/√27.333 = 2.48653;
        // p = 2(1 − Φ(2.48653)) = 0.01290 (Φ from the standard normal table).
        var result = MannKendall.Test([1, 2, 2, 3, 4, 5]);

        Assert.That(result.S, Is.EqualTo(14));
        Assert.That(result.HasTies, Is.True);
        Assert.That(result.Variance, Is.EqualTo(492.0 / 18).Within(1e-9));
        Assert.That(result.Z, Is.EqualTo(2.48653).Within(1e-4));
        Assert.That(result.Method, Is.EqualTo(PValueMethod.NormalApproximation));
        Assert.That(result.PValue, Is.EqualTo(0.01290).Within(5e-4));
    }

    [Test]
    public void Longer_series_than_ten_use_the_normal_approximation()
    {
        var result = MannKendall.Test(Enumerable.Range(0, 12).Select(i => (double)i).ToArray());

        // S = 66, Var = 12·11·29/18 = 212.667, Z = 65/14.583 = 4.457.
        Assert.That(result.S, Is.EqualTo(66));
        Assert.That(result.Method, Is.EqualTo(PValueMethod.NormalApproximation));
        Assert.That(result.Z, Is.EqualTo(65 / Math.Sqrt(12 * 11 * 29 / 18.0)).Within(1e-12));
        Assert.That(result.PValue, Is.LessThan(1e-4));
    }

    [Test]
    public void Fewer_than_five_points_are_not_testable()
    {
        var result = MannKendall.Test([1, 2, 3, 4]);

        Assert.That(result.Method, Is.EqualTo(PValueMethod.NotTestable));
        Assert.That(result.PValue, Is.Null);
        Assert.That(result.S, Is.EqualTo(6));
    }

    [Test]
    public void A_constant_series_shows_no_trend()
    {
        var result = MannKendall.Test([3, 3, 3, 3, 3, 3]);

        Assert.That(result.S, Is.Zero);
        Assert.That(result.PValue, Is.EqualTo(1));
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1)
        {
            yield return items;
            yield break;
        }
        for (var i = 0; i < items.Length; i++)
        {
            var rest = items.Where((_, j) => j != i).ToArray();
            foreach (var tail in Permutations(rest))
                yield return [items[i], .. tail];
        }
    }
}
