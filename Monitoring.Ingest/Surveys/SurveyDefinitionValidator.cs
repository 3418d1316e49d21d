using Monitoring.Core.Model;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Surveys;

/// <summary>
/// A survey definition refers to what exists: survey indicators in percent (a share is what the
/// aggregation makes), declared dimensions, crossings of its own attributes, and distinct columns.
/// </summary>
public static class SurveyDefinitionValidator
{
    public static IReadOnlyList<FieldError> Validate(SurveyDefinition definition, IReadOnlyList<Indicator> indicators, IReadOnlyList<Dimension> dimensions)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(definition.Code) || !definition.Code.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            errors.Add(new("code", definition.Code, "Brug bogstaver, cifre og bindestreger (fx tryghed).", "Use letters, digits and hyphens (e.g. tryghed)."));
        if (string.IsNullOrWhiteSpace(definition.Name))
            errors.Add(new("name", definition.Name, "Skal udfyldes.", "Required."));
        if (definition.Questions is not { Count: > 0 })
            errors.Add(new("questions", null, "Angiv mindst ét spørgsmål.", "Give at least one question."));
        var attributes = definition.Attributes ?? [];
        for (var i = 0; i < attributes.Count; i++)
        {
            if (!dimensions.Any(d => string.Equals(d.Code, attributes[i].Dimension, StringComparison.OrdinalIgnoreCase)))
                errors.Add(new($"attributes[{i}].dimension", attributes[i].Dimension, "Ukendt dimension.", "Unknown dimension."));
        }
        for (var i = 0; i < (definition.Questions?.Count ?? 0); i++)
        {
            var question = definition.Questions![i];
            var indicator = indicators.FirstOrDefault(x => string.Equals(x.Code, question.Indicator, StringComparison.OrdinalIgnoreCase));
            if (indicator is null)
                errors.Add(new($"questions[{i}].indicator", question.Indicator, "Ukendt indikator.", "Unknown indicator."));
            else if (!ShareInterval.Applies(indicator))
                errors.Add(new($"questions[{i}].indicator", question.Indicator, "Indikatoren skal være en spørgeskemaandel i procent.", "The indicator must be a survey share in percent."));
            if (question.Positive is not { Count: > 0 })
                errors.Add(new($"questions[{i}].positive", null, "Angiv mindst ét positivt svar.", "Give at least one positive answer."));
        }
        var columns = attributes.Select(a => a.Column).Concat(definition.Questions?.Select(q => q.Column) ?? []).ToList();
        foreach (var repeated in columns.GroupBy(c => c.Trim(), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(new("columns", repeated.Key, "Kolonnen er nævnt to gange.", "The column is named twice."));
        var crossings = definition.CrossingsOrEmpty;
        for (var i = 0; i < crossings.Count; i++)
        {
            if (crossings[i].Count < 2 || crossings[i].Distinct(StringComparer.OrdinalIgnoreCase).Count() != crossings[i].Count
                || crossings[i].Any(d => !attributes.Any(a => string.Equals(a.Dimension, d, StringComparison.Ordinal))))
            {
                errors.Add(new($"crossings[{i}]", string.Join("&", crossings[i]),
                    "En krydsning er to eller flere forskellige af undersøgelsens dimensioner (fx [\"alder\", \"koen\"]).",
                    "A crossing is two or more different dimensions of the survey's attributes (e.g. [\"alder\", \"koen\"])."));
            }
        }
        return errors;
    }
}
