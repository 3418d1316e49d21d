using Monitoring.Core.Model;

namespace Monitoring.Core.Surveys;

/// <summary>
/// Respondents to shares: for every question, area and wave, the total, each value of every
/// attribute, and each combination of every configured crossing. A respondent counts in a
/// subgroup only with a value for each of its dimensions; blank and excluded answers count nowhere.
/// Subgroups without a single valid answer are not produced.
/// </summary>
public static class SurveyAggregation
{
    public static IReadOnlyList<SurveyAggregate> Aggregate(SurveyDefinition definition, IEnumerable<Respondent> respondents)
    {
        var breakdowns = new List<IReadOnlyList<string>> { Array.Empty<string>() };
        breakdowns.AddRange(definition.Attributes.Select(a => (IReadOnlyList<string>)[a.Dimension]));
        breakdowns.AddRange(definition.CrossingsOrEmpty);

        var counts = new Dictionary<(string Indicator, string Area, Periods.Period Wave, string Subgroup), (int Positive, int Valid)>();
        foreach (var respondent in respondents)
        {
            foreach (var question in definition.Questions)
            {
                var kind = question.Classify(respondent.Answers.GetValueOrDefault(question.Column) ?? "");
                if (kind is AnswerKind.Excluded or AnswerKind.Unknown)
                    continue;
                foreach (var breakdown in breakdowns)
                {
                    if (SubgroupOf(respondent, breakdown) is not { } subgroup)
                        continue;
                    var key = (question.Indicator, respondent.Area, respondent.Wave, subgroup);
                    var (positive, valid) = counts.GetValueOrDefault(key);
                    counts[key] = (positive + (kind == AnswerKind.Positive ? 1 : 0), valid + 1);
                }
            }
        }
        return counts
            .Select(c => new SurveyAggregate(c.Key.Indicator, c.Key.Area, c.Key.Wave, c.Key.Subgroup, c.Value.Positive, c.Value.Valid))
            .OrderBy(a => a.Indicator, StringComparer.Ordinal).ThenBy(a => a.Area, StringComparer.Ordinal)
            .ThenBy(a => a.Wave).ThenBy(a => a.Subgroup, StringComparer.Ordinal)
            .ToList();
    }

    private static string? SubgroupOf(Respondent respondent, IReadOnlyList<string> dimensions)
    {
        var parts = new List<(string, string)>(dimensions.Count);
        foreach (var dimension in dimensions)
        {
            if (!respondent.Attributes.TryGetValue(dimension, out var value) || value.Length == 0)
                return null;
            parts.Add((dimension, value));
        }
        return SubgroupText.Join(parts);
    }
}
