using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Metadata;

/// <summary>Checks a plan definition against itself and the known indicators and scopes, naming every bad field.</summary>
public static partial class PlanDefinitionValidator
{
    public static IReadOnlyList<FieldError> Validate(
        PlanDefinition plan, IReadOnlySet<string> indicatorCodes, IReadOnlySet<string> scopeCodes,
        IReadOnlyList<Dimension>? dimensions = null)
    {
        var errors = new List<FieldError>();
        // The import's own subgroup rule, so a target names its subgroup exactly as observations store it.
        var subgroups = new SubgroupRule(dimensions ?? []);
        if (string.IsNullOrWhiteSpace(plan.Slug) || !SlugPattern().IsMatch(plan.Slug))
            errors.Add(new("slug", plan.Slug, "Brug små bogstaver, cifre og bindestreger (fx oesterby-nord).", "Use lower-case letters, digits and hyphens (e.g. oesterby-nord)."));
        Require(errors, "name", plan.Name);
        Require(errors, "municipalityCode", plan.MunicipalityCode);
        Require(errors, "fundingPeriod", plan.FundingPeriod);
        if (plan.Status is not null && !EnumText.TryParse<PlanStatus>(plan.Status, out _))
            errors.Add(new("status", plan.Status, $"Brug en af {string.Join(", ", EnumText.Names<PlanStatus>())}.", $"Use one of {string.Join(", ", EnumText.Names<PlanStatus>())}."));
        for (var i = 0; i < (plan.Areas?.Count ?? 0); i++)
        {
            if (!scopeCodes.Contains(plan.Areas![i]))
                errors.Add(new($"areas[{i}]", plan.Areas[i], "Ukendt områdekode.", "Unknown area code."));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (plan.Goals?.Count ?? 0); i++)
            ValidateGoal(plan.Goals![i], $"goals[{i}]", keys, errors, indicatorCodes, scopeCodes, subgroups);
        return errors;
    }

    private static void ValidateGoal(
        GoalDefinition goal, string path, HashSet<string> keys, List<FieldError> errors,
        IReadOnlySet<string> indicatorCodes, IReadOnlySet<string> scopeCodes, SubgroupRule subgroups)
    {
        Require(errors, $"{path}.key", goal.Key);
        if (!string.IsNullOrWhiteSpace(goal.Key) && !keys.Add(goal.Key))
            errors.Add(new($"{path}.key", goal.Key, "Målets nøgle er brugt to gange i planen.", "The goal key is used twice in this plan."));
        Require(errors, $"{path}.title", goal.Title);
        for (var i = 0; i < (goal.Targets?.Count ?? 0); i++)
            ValidateTarget(goal.Targets![i], $"{path}.targets[{i}]", errors, indicatorCodes, scopeCodes, subgroups);
        for (var i = 0; i < (goal.SubGoals?.Count ?? 0); i++)
        {
            var sub = goal.SubGoals![i];
            if (sub.SubGoals is { Count: > 0 })
                errors.Add(new($"{path}.subGoals[{i}].subGoals", null, "Et delmål kan ikke have egne delmål.", "Sub-goals cannot have sub-goals of their own."));
            ValidateGoal(sub, $"{path}.subGoals[{i}]", keys, errors, indicatorCodes, scopeCodes, subgroups);
        }
    }

    private static void ValidateTarget(
        TargetDefinition target, string path, List<FieldError> errors,
        IReadOnlySet<string> indicatorCodes, IReadOnlySet<string> scopeCodes, SubgroupRule subgroups)
    {
        CheckSubgroup(errors, $"{path}.subgroup", target.Subgroup, subgroups);
        if (!indicatorCodes.Contains(target.Indicator ?? ""))
            errors.Add(new($"{path}.indicator", target.Indicator, "Ukendt indikatorkode.", "Unknown indicator code."));
        if (!scopeCodes.Contains(target.Scope ?? ""))
            errors.Add(new($"{path}.scope", target.Scope, "Ukendt område- eller sammenligningskode.", "Unknown area or scope code."));
        if (target.BenchmarkScope is not null && !scopeCodes.Contains(target.BenchmarkScope))
            errors.Add(new($"{path}.benchmarkScope", target.BenchmarkScope, "Ukendt sammenligningskode.", "Unknown benchmark scope code."));
        CheckPeriod(errors, $"{path}.baselinePeriod", target.BaselinePeriod);
        CheckPeriod(errors, $"{path}.targetPeriod", target.TargetPeriod);
        if (Period.TryParse(target.BaselinePeriod, out var baseline) && Period.TryParse(target.TargetPeriod, out var due) && due <= baseline)
            errors.Add(new($"{path}.targetPeriod", target.TargetPeriod, "Målperioden skal ligge efter baselineperioden.", "The target period must come after the baseline period."));
        if (target.Tolerance is < 0 or > 1)
            errors.Add(new($"{path}.tolerance", target.Tolerance?.ToString(CultureInfo.InvariantCulture), "Tolerancen er en andel af vejen til målet, mellem 0 og 1.", "Tolerance is a share of the way to the target, between 0 and 1."));
        if (target.Weight is <= 0)
            errors.Add(new($"{path}.weight", target.Weight?.ToString(CultureInfo.InvariantCulture), "Vægten skal være større end 0.", "Weight must be positive."));
        for (var i = 0; i < (target.Milestones?.Count ?? 0); i++)
            CheckPeriod(errors, $"{path}.milestones[{i}].period", target.Milestones![i].Period);
    }

    private static void CheckSubgroup(List<FieldError> errors, string field, string? text, SubgroupRule subgroups)
    {
        if (string.IsNullOrEmpty(text))
            return;
        var problems = new List<RowError>();
        var canonical = subgroups.Check(0, text, problems);
        errors.AddRange(problems.Select(p => new FieldError(field, p.Value, p.Message, p.MessageEn)));
        if (canonical is not null && !string.Equals(canonical, text, StringComparison.Ordinal))
            errors.Add(new(field, text, $"Skriv undergruppen som {canonical}.", $"Write the subgroup as {canonical}."));
    }

    private static void CheckPeriod(List<FieldError> errors, string field, string? text)
    {
        if (text is not null && !Period.TryParse(text, out _))
            errors.Add(new(field, text, "Ikke en periode; skriv 2023, 2023H1, 2023K2 (eller 2023Q2) eller 2023-05.", "Not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05."));
    }

    private static void Require(List<FieldError> errors, string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            errors.Add(new(field, value, "Skal udfyldes.", "Required."));
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{1,62}$")]
    private static partial Regex SlugPattern();
}
