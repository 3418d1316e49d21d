namespace Monitoring.Core.Surveys;

/// <summary>
/// How a resident survey answered per respondent becomes indicators: which columns of a respondent
/// file are attributes (each a subgroup dimension), which crossings of attributes are broken down
/// as well, and which questions give which survey indicator.
/// </summary>
public sealed record SurveyDefinition(
    string Code,
    string Name,
    IReadOnlyList<SurveyTrait> Attributes,
    IReadOnlyList<SurveyQuestion> Questions,
    IReadOnlyList<IReadOnlyList<string>>? Crossings = null)
{
    /// <summary>Pairs (or longer lists) of dimension codes whose combinations are aggregated too.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<IReadOnlyList<string>> CrossingsOrEmpty => Crossings ?? [];
}

/// <summary>An attribute: a column of the respondent file holding a subgroup dimension's value (age band, gender, target group).</summary>
/// <param name="Column">The header in the file (matched without regard to case).</param>
/// <param name="Dimension">The subgroup dimension its values belong to.</param>
public sealed record SurveyTrait(string Column, string Dimension);

/// <summary>
/// A question and how its answer categories count: <see cref="Positive"/> answers are the share's
/// numerator, <see cref="Excluded"/> answers (and blanks) are left out of the denominator, and
/// every other answer is valid. When <see cref="Negative"/> is given, an answer in none of the
/// lists is an error, so a misspelt category is caught instead of counted.
/// </summary>
public sealed record SurveyQuestion(
    string Column,
    string Indicator,
    IReadOnlyList<string> Positive,
    IReadOnlyList<string>? Excluded = null,
    IReadOnlyList<string>? Negative = null,
    string? Text = null)
{
    public AnswerKind Classify(string answer)
    {
        var text = answer.Trim();
        if (text.Length == 0 || Contains(Excluded, text))
            return AnswerKind.Excluded;
        if (Contains(Positive, text))
            return AnswerKind.Positive;
        if (Negative is null || Contains(Negative, text))
            return AnswerKind.Negative;
        return AnswerKind.Unknown;
    }

    private static bool Contains(IReadOnlyList<string>? list, string text) =>
        list is not null && list.Any(a => string.Equals(a.Trim(), text, StringComparison.OrdinalIgnoreCase));
}

public enum AnswerKind
{
    Excluded,
    Positive,
    Negative,
    Unknown,
}
