using Monitoring.Core.Evaluation;

namespace Monitoring.Tests.Core.Evaluation;

public class ValueFormatTests
{
    [TestCase(0.0114, "0,011")]
    [TestCase(0.0005, "0,001")]
    [TestCase(0.000499, "< 0,001")]
    [TestCase(1e-300, "< 0,001")]
    [TestCase(0.0, "< 0,001")]
    [TestCase(1.0, "1,000")]
    public void A_p_value_below_a_thousandth_reads_as_less_than_a_thousandth_never_as_zero(double p, string expected) =>
        Assert.That(ValueFormat.PValue(p, ValueFormat.Danish), Is.EqualTo(expected));

    [Test]
    public void A_goal_score_rounds_half_away_from_zero_the_same_everywhere() =>
        Assert.That((ValueFormat.Percent(0.625), ValueFormat.Percent(0.375)), Is.EqualTo(("63 %", "38 %")));
}
