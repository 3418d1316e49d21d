using Monitoring.Core.Evaluation;

namespace Monitoring.Core.Classification;

/// <summary>
/// Applies the regime table to one area: every criterion of the regime in force for a list year, then the
/// categories in the table's order. Year-streak categories are judged from the engine's own results for the
/// earlier lists, each under the regime then in force, so a 2018 decision looks back to lists made under the 2013 rules.
/// </summary>
public sealed class ClassificationEngine(RegimeTable table)
{
    public RegimeTable Table => table;

    /// <summary>The area on the list of <paramref name="listYear"/>, or null when no regime governs that year.</summary>
    public ClassificationResult? Evaluate(ClassificationInput input, int listYear, bool isProjection = false) =>
        new Run(table, input, isProjection).Year(listYear);

    /// <summary>Several list years judged together, so the earlier lists a streak looks back to are judged once.</summary>
    public IReadOnlyList<ClassificationResult> Evaluate(ClassificationInput input, IEnumerable<int> listYears, bool isProjection)
    {
        var run = new Run(table, input, isProjection);
        return listYears.Select(run.Year).OfType<ClassificationResult>().ToList();
    }

    /// <summary>Every list from the first regime up to and including <paramref name="lastListYear"/>.</summary>
    public IReadOnlyList<ClassificationResult> History(ClassificationInput input, int lastListYear)
    {
        var run = new Run(table, input, false);
        return Enumerable.Range(table.FirstListYear, Math.Max(0, lastListYear - table.FirstListYear + 1))
            .Select(run.Year).OfType<ClassificationResult>().ToList();
    }

    private sealed class Run(RegimeTable table, ClassificationInput input, bool isProjection)
    {
        private readonly Dictionary<int, ClassificationResult?> _years = [];

        public ClassificationResult? Year(int listYear)
        {
            if (_years.TryGetValue(listYear, out var known))
                return known;
            var result = Compute(listYear);
            _years[listYear] = result;
            return result;
        }

        private ClassificationResult? Compute(int listYear)
        {
            if (table.For(listYear) is not { } regime)
                return null;
            var dataYear = regime.LatestDataYear(listYear);
            var criteria = regime.Criteria.Select(c => CriterionEvaluator.Evaluate(c, input, dataYear)).ToList();
            var byCode = criteria.ToDictionary(c => c.Code, StringComparer.Ordinal);
            var residents = input.Area.Get(table.ResidentsIndicator, dataYear);
            var categories = new List<CategoryEvaluation>();
            foreach (var definition in regime.Categories)
                categories.Add(Category(definition, listYear, dataYear, residents, byCode, categories));
            return new ClassificationResult(listYear, regime.ListDate(listYear), regime.Code, regime.Title, residents, dataYear,
                categories, criteria, isProjection);
        }

        private CategoryEvaluation Category(CategoryDefinition definition, int listYear, int dataYear, double? residents,
            Dictionary<string, CriterionEvaluation> criteria, List<CategoryEvaluation> earlier)
        {
            var alternatives = new List<(Outcome Outcome, string Why)>();
            var streakYears = new List<StreakYear>();
            foreach (var rule in definition.Alternatives)
            {
                var parts = new List<(Outcome Outcome, string Why)>();
                if (rule.ResidentsMinimum is { } minimum)
                {
                    var minimumText = ValueFormat.Da(minimum, 0);
                    parts.Add(residents is { } count
                        ? (count >= minimum ? Outcome.Met : Outcome.NotMet, $"{ValueFormat.Da(count, 0)} beboere i {ClassificationText.Year(dataYear)} (mindst {minimumText})")
                        : (Outcome.CannotBeEvaluated, $"antal beboere for {ClassificationText.Year(dataYear)} mangler (mindst {minimumText})"));
                }
                foreach (var code in rule.AllOf ?? [])
                    parts.Add((criteria[code].Outcome, $"{Lower(criteria[code].Name)} ({code}) {criteria[code].Outcome.Danish()}"));
                if (rule.AtLeast is { } k && rule.Of is { } of)
                {
                    var outcomes = of.Select(c => criteria[c].Outcome).ToList();
                    var met = of.Where(c => criteria[c].Outcome == Outcome.Met).ToList();
                    var unknown = of.Where(c => criteria[c].Outcome == Outcome.CannotBeEvaluated).ToList();
                    // A board reads criteria by name; the law's letters mean nothing on their own.
                    string Named(IEnumerable<string> codes) => string.Join(", ", codes.Select(c => Lower(criteria[c].Name)));
                    var why = $"{met.Count} af {of.Count} kriterier opfyldt{(met.Count > 0 ? " (" + Named(met) + ")" : "")}, mindst {k} kræves";
                    if (unknown.Count > 0)
                        why += $"; {Named(unknown)} kan ikke vurderes";
                    parts.Add((OutcomeLogic.AtLeast(k, outcomes), why));
                }
                foreach (var code in rule.Requires ?? [])
                {
                    var required = earlier.First(c => string.Equals(c.Code, code, StringComparison.Ordinal));
                    parts.Add((required.Outcome, $"{required.Name.ToLowerInvariant()}: {required.Outcome.Danish()}"));
                }
                if (rule.Streak is { } streak)
                {
                    var (outcome, why, years) = Streak(streak, listYear, earlier);
                    parts.Add((outcome, why));
                    streakYears.AddRange(years);
                }
                alternatives.Add((OutcomeLogic.All(parts.Select(p => p.Outcome)), string.Join("; ", parts.Select(p => p.Why))));
            }
            var result = OutcomeLogic.Any(alternatives.Select(a => a.Outcome));
            var explanation = alternatives.Count == 1
                ? $"{definition.Name}: {result.Danish()}: {alternatives[0].Why}"
                : $"{definition.Name}: {result.Danish()}: " + string.Join(" — eller — ", alternatives.Select(a => $"{a.Why} (denne vej: {a.Outcome.Danish()})"));
            return new CategoryEvaluation(definition.Code, definition.Name, result, RuleText(definition, listYear), explanation, streakYears);
        }

        private (Outcome, string, List<StreakYear>) Streak(StreakRule streak, int listYear, List<CategoryEvaluation> thisYear)
        {
            var names = table.NamesOf(streak.Category);
            var years = streak.YearsFor(listYear);
            var found = new List<StreakYear>();
            for (var year = listYear - years + 1; year <= listYear; year++)
            {
                var categories = year == listYear ? thisYear : Year(year)?.Categories;
                var category = categories?.FirstOrDefault(c => names.Contains(c.Code));
                found.Add(new StreakYear(year, category?.Code, category?.Name, category?.Outcome ?? Outcome.CannotBeEvaluated));
            }
            var outcome = OutcomeLogic.All(found.Select(f => f.Outcome));
            var notOn = found.Where(f => f.Outcome == Outcome.NotMet).Select(f => f.ListYear).ToList();
            var unknown = found.Where(f => f.Outcome == Outcome.CannotBeEvaluated).Select(f => f.ListYear).ToList();
            var span = ClassificationText.Span(listYear - years + 1, listYear);
            var why = outcome switch
            {
                Outcome.Met => $"på listen som {string.Join(" / ", found.Select(f => f.CategoryName?.ToLowerInvariant()).Distinct())} i alle {years} år {span}",
                Outcome.NotMet => $"ikke på listen i {ClassificationText.Years(notOn)} (kræver alle {years} år {span})",
                _ => $"listen for {ClassificationText.Years(unknown)} kan ikke vurderes (kræver alle {years} år {span})",
            };
            return (outcome, why, found);
        }

        /// <summary>A criterion's name inside a sentence: "andel 18–64-årige …", keeping capitals that are not the first letter.</summary>
        private static string Lower(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

        private string RuleText(CategoryDefinition definition, int listYear) =>
            string.Join(" eller ", definition.Alternatives.Select(rule =>
            {
                var parts = new List<string>();
                if (rule.ResidentsMinimum is { } minimum)
                    parts.Add($"mindst {ValueFormat.Da(minimum, 0)} beboere");
                foreach (var code in rule.Requires ?? [])
                    parts.Add(table.For(listYear)!.Categories.First(c => c.Code == code).Name.ToLowerInvariant());
                if (rule.AllOf is { Count: > 0 } all)
                    parts.Add((all.Count == 1 ? "kriterium " : "kriterierne ") + string.Join(", ", all));
                if (rule.AtLeast is { } k && rule.Of is { } of)
                    parts.Add($"mindst {k} af {of.Count} kriterier ({string.Join(", ", of)})");
                if (rule.Streak is { } streak)
                    parts.Add($"{string.Join(" / ", table.NamesOf(streak.Category).Select(table.NameOf))} i hver af de seneste {streak.YearsFor(listYear)} lister");
                return string.Join(" og ", parts);
            }));
    }
}
