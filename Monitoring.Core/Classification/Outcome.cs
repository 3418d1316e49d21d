namespace Monitoring.Core.Classification;

/// <summary>Three-valued: a missing year makes a criterion unknown, never quietly met or not met.</summary>
public enum Outcome
{
    Met,
    NotMet,
    CannotBeEvaluated,
}

public static class OutcomeLogic
{
    /// <summary>Every part must hold: one part not met decides; otherwise one unknown part leaves it unknown.</summary>
    public static Outcome All(IEnumerable<Outcome> parts)
    {
        var list = parts.ToList();
        if (list.Contains(Outcome.NotMet))
            return Outcome.NotMet;
        return list.Contains(Outcome.CannotBeEvaluated) ? Outcome.CannotBeEvaluated : Outcome.Met;
    }

    /// <summary>One met part is enough; only when every part is not met is the whole not met.</summary>
    public static Outcome Any(IEnumerable<Outcome> parts)
    {
        var list = parts.ToList();
        if (list.Contains(Outcome.Met))
            return Outcome.Met;
        return list.Count > 0 && list.All(p => p == Outcome.NotMet) ? Outcome.NotMet : Outcome.CannotBeEvaluated;
    }

    /// <summary>At least k of the parts: decided as soon as the unknown ones could not change the answer.</summary>
    public static Outcome AtLeast(int k, IReadOnlyCollection<Outcome> parts)
    {
        var met = parts.Count(p => p == Outcome.Met);
        var unknown = parts.Count(p => p == Outcome.CannotBeEvaluated);
        if (met >= k)
            return Outcome.Met;
        return met + unknown < k ? Outcome.NotMet : Outcome.CannotBeEvaluated;
    }

    public static string Danish(this Outcome outcome) => outcome switch
    {
        Outcome.Met => "opfyldt",
        Outcome.NotMet => "ikke opfyldt",
        _ => "kan ikke vurderes",
    };

    public static bool Holds(this ComparisonOperator op, decimal value, decimal threshold) => op switch
    {
        ComparisonOperator.Gt => value > threshold,
        ComparisonOperator.Ge => value >= threshold,
        ComparisonOperator.Lt => value < threshold,
        ComparisonOperator.Le => value <= threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };
}
