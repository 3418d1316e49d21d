using Monitoring.Ingest.Reports;

namespace Monitoring.Tests.Ingest.Reports;

/// <summary>The goal overview's labels wrap onto more lines and keep every word; nothing is cut off with an ellipsis.</summary>
public class GoalOverviewChartTests
{
    [TestCase("▼ Karaktergennemsnit i dansk ved 9. klasses afgangsprøve")]
    [TestCase("◆ Gennemsnitlig bruttoindkomst i procent af regionens gennemsnit")]
    [TestCase("★ Kort")]
    public void A_label_wraps_at_spaces_within_the_width_and_keeps_every_word(string label)
    {
        var wrapped = GoalOverviewChart.Wrap(label, GoalOverviewChart.LabelWidth);
        var lines = wrapped.Split('\n');

        Assert.That(lines, Has.All.Length.LessThanOrEqualTo(GoalOverviewChart.LabelWidth));
        Assert.That(string.Join(' ', lines), Is.EqualTo(label));
        Assert.That(wrapped, Does.Not.Contain("…"));
        Assert.That(lines.Length > 1, Is.EqualTo(label.Length > GoalOverviewChart.LabelWidth));
    }

    [Test]
    public void A_word_longer_than_the_width_stands_whole_on_its_own_line()
    {
        var wrapped = GoalOverviewChart.Wrap("Andel af Beskæftigelsesfrekvensoptællingsgrundlaget i alt", 20);

        Assert.That(wrapped.Split('\n'), Is.EqualTo(new[] { "Andel af", "Beskæftigelsesfrekvensoptællingsgrundlaget", "i alt" }));
    }
}
