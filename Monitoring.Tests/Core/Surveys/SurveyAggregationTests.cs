using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Surveys;

namespace Monitoring.Tests.Core.Surveys;

public class SurveyAggregationTests
{
    private static readonly SurveyQuestion Tryg = new("tryg", "TRYG", ["meget tryg", "tryg"], ["ved ikke"]);

    private static readonly SurveyDefinition Definition = new(
        "tryghed", "Tryghed", [new SurveyTrait("Alder", "alder"), new SurveyTrait("Køn", "koen")], [Tryg], [["alder", "koen"]]);

    private static Respondent Person(string id, string alder, string koen, string answer, int wave = 2023) =>
        new(id, "AREA", Period.OfYear(wave),
            new Dictionary<string, string> { ["alder"] = alder, ["koen"] = koen }.Where(p => p.Value.Length > 0).ToDictionary(),
            new Dictionary<string, string> { ["tryg"] = answer });

    [Test]
    public void Positive_of_valid_answers_per_total_attribute_and_crossing_with_excluded_and_blank_answers_left_out()
    {
        Respondent[] people =
        [
            Person("1", "ung", "kvinde", "Meget tryg"), Person("2", "ung", "mand", "utryg"), Person("3", "65+", "kvinde", "tryg"),
            Person("4", "65+", "kvinde", "ved ikke"), Person("5", "ung", "", "tryg"), Person("6", "65+", "mand", ""),
        ];

        var shares = SurveyAggregation.Aggregate(Definition, people).ToDictionary(a => a.Subgroup, a => (a.Positive, a.Valid));

        Assert.That(shares[""], Is.EqualTo((3, 4)));
        Assert.That(shares["alder:ung"], Is.EqualTo((2, 3)));
        Assert.That(shares["alder:65+"], Is.EqualTo((1, 1)));
        Assert.That(shares["koen:kvinde"], Is.EqualTo((2, 2)));
        Assert.That(shares["koen:mand"], Is.EqualTo((0, 1)));
        Assert.That(shares["alder:ung&koen:kvinde"], Is.EqualTo((1, 1)));
        Assert.That(shares["alder:65+&koen:kvinde"], Is.EqualTo((1, 1)));
        // Respondent 5 has no gender: in the total and the age group, in no gender or crossing cell.
        Assert.That(shares.ContainsKey("alder:65+&koen:mand"), Is.False, "respondent 6 gave no answer");
        Assert.That(shares.Keys, Has.Count.EqualTo(8));
    }

    [Test]
    public void Waves_and_areas_are_separate_cells()
    {
        Respondent[] people = [Person("1", "ung", "kvinde", "tryg", 2019), Person("1", "ung", "kvinde", "utryg", 2023)];

        var totals = SurveyAggregation.Aggregate(Definition, people).Where(a => a.Subgroup.Length == 0).ToList();

        Assert.That(totals.Select(a => (a.Wave.Year, a.Positive, a.Valid)), Is.EqualTo(new[] { (2019, 1, 1), (2023, 0, 1) }));
    }

    [Test]
    public void An_answer_outside_the_declared_categories_is_unknown_only_when_negatives_are_declared()
    {
        var strict = Tryg with { Negative = ["utryg", "meget utryg"] };

        Assert.That(Tryg.Classify("trygg"), Is.EqualTo(AnswerKind.Negative));
        Assert.That(strict.Classify("trygg"), Is.EqualTo(AnswerKind.Unknown));
        Assert.That(strict.Classify(" Meget utryg "), Is.EqualTo(AnswerKind.Negative));
        Assert.That(strict.Classify("VED IKKE"), Is.EqualTo(AnswerKind.Excluded));
    }

    [Test]
    public void The_interval_is_wilson_in_percent_and_only_for_survey_shares()
    {
        var survey = new Indicator("TRYG", "Tryg", null, IndicatorUnit.Percent, Direction.HigherBetter, IndicatorSource.Survey, Periodicity.Irregular, 1, null, true);

        var interval = ShareInterval.For(survey, 3, 6)!.Value;

        // Wilson 95 % for 3/6: 18.76 % – 81.24 %.
        Assert.That(interval.Lower, Is.EqualTo(18.76).Within(0.01));
        Assert.That(interval.Upper, Is.EqualTo(81.24).Within(0.01));
        Assert.That(ShareInterval.For(survey with { Source = IndicatorSource.Register }, 3, 6), Is.Null);
        Assert.That(ShareInterval.For(survey, null, null), Is.Null);
    }
}
