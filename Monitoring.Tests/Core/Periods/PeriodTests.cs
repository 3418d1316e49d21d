using Monitoring.Core.Periods;

namespace Monitoring.Tests.Core.Periods;

public class PeriodTests
{
    [TestCase("2023", PeriodKind.Year, 1, "2023")]
    [TestCase("2023H2", PeriodKind.Half, 2, "2023H2")]
    [TestCase("2023h1", PeriodKind.Half, 1, "2023H1")]
    [TestCase("2023Q2", PeriodKind.Quarter, 2, "2023Q2")]
    [TestCase("2023K2", PeriodKind.Quarter, 2, "2023Q2")]
    [TestCase("2023k4", PeriodKind.Quarter, 4, "2023Q4")]
    [TestCase("2023-05", PeriodKind.Month, 5, "2023-05")]
    [TestCase(" 2023-12 ", PeriodKind.Month, 12, "2023-12")]
    public void Parses_every_supported_form_to_its_canonical_text(string text, PeriodKind kind, int index, string canonical)
    {
        var period = Period.Parse(text);

        Assert.That(period.Kind, Is.EqualTo(kind));
        Assert.That(period.Index, Is.EqualTo(index));
        Assert.That(period.ToString(), Is.EqualTo(canonical));
    }

    [TestCase("")]
    [TestCase("23")]
    [TestCase("2023Q5")]
    [TestCase("2023Q0")]
    [TestCase("2023H3")]
    [TestCase("2023-13")]
    [TestCase("2023-00")]
    [TestCase("2023-5")]
    [TestCase("2023M05")]
    [TestCase("1800")]
    [TestCase("2023 Q1")]
    [TestCase("\u0662\u0660\u0662\u0663")]
    [TestCase("\uFF12\uFF10\uFF12\uFF13")]
    [TestCase("2023Q\u0662")]
    [TestCase("2023-\uFF10\uFF15")]
    public void Rejects_text_that_is_not_a_period(string text)
    {
        Assert.That(Period.TryParse(text, out _), Is.False);
        var error = Assert.Throws<FormatException>(() => Period.Parse(text));
        Assert.That(error!.Message, Does.Contain("2023Q2"), "the message shows the accepted forms");
    }

    [Test]
    public void Quarters_are_shown_in_Danish_with_K()
    {
        Assert.That(Period.Parse("2023Q2").ToDanishString(), Is.EqualTo("2023K2"));
        Assert.That(Period.Parse("2023").ToDanishString(), Is.EqualTo("2023"));
    }

    // Position = year + (start month − 1) / 12, i.e. the period start in fractional years.
    [TestCase("2023", 2023.0)]
    [TestCase("2023H2", 2023.5)]
    [TestCase("2023Q2", 2023.25)]
    [TestCase("2023Q4", 2023.75)]
    [TestCase("2023-05", 2023 + 4 / 12.0)]
    public void Position_is_the_period_start_in_fractional_years(string text, double expected)
    {
        Assert.That(Period.Parse(text).Position, Is.EqualTo(expected).Within(1e-12));
    }

    [Test]
    public void Orders_by_start_and_puts_longer_periods_first_when_they_start_together()
    {
        var shuffled = new[] { "2024", "2023-02", "2023Q1", "2023H1", "2023", "2023-01", "2022Q4", "2023Q2" }
            .Select(Period.Parse)
            .OrderBy(p => p.GetHashCode())
            .ToList();

        var ordered = shuffled.Order().Select(p => p.ToString());

        Assert.That(ordered, Is.EqualTo(new[] { "2022Q4", "2023", "2023H1", "2023Q1", "2023-01", "2023-02", "2023Q2", "2024" }));
    }

    [Test]
    public void Comparison_operators_agree_with_CompareTo()
    {
        var q1 = Period.Parse("2023Q1");
        var q2 = Period.Parse("2023K2");

        var sameAsQ1 = Period.Parse("2023K1");
        Assert.That(q1 < q2 && q2 > q1 && q1 <= sameAsQ1 && q1 >= sameAsQ1 && q2 >= q1, Is.True);
        Assert.That(Period.Parse("2023Q2"), Is.EqualTo(q2), "Q and K forms are the same period");
    }

    [Test]
    public void A_quarter_lies_within_its_year_but_not_the_next()
    {
        var q3 = Period.Parse("2023Q3");

        Assert.That(q3.IsWithin(Period.OfYear(2023)), Is.True);
        Assert.That(q3.IsWithin(Period.Parse("2023H1")), Is.False);
        Assert.That(q3.IsWithin(Period.OfYear(2024)), Is.False);
    }

    [TestCase("2023")]
    [TestCase("2023H2")]
    [TestCase("2023Q3")]
    [TestCase("2023-11")]
    public void A_period_comes_back_whole_from_the_month_ordinals_storage_keys_it_by(string text)
    {
        var period = Period.Parse(text);

        Assert.That(Period.FromOrdinals(period.StartOrdinal, period.EndOrdinal), Is.EqualTo(period));
    }

    [TestCase(24276, 24277)]
    [TestCase(24277, 24279)]
    [TestCase(24276, 24282)]
    public void Month_ordinals_that_are_no_period_are_refused(int start, int end)
    {
        Assert.Throws<ArgumentException>(() => Period.FromOrdinals(start, end));
    }
}
