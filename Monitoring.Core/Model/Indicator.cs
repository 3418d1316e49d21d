namespace Monitoring.Core.Model;

/// <summary>
/// A measurable key figure, like Landsbyggefonden's statistics or a local survey question.
/// <see cref="AcceptsFinerPeriods"/> lets a yearly indicator take half-years, quarters or months too
/// (a survey run more often than planned); otherwise a period must be of the indicator's periodicity.
/// </summary>
public sealed record Indicator(
    string Code,
    string Name,
    string? NameEn,
    IndicatorUnit Unit,
    Direction Direction,
    IndicatorSource Source,
    Periodicity Periodicity,
    int Decimals,
    string? Definition,
    bool Influenceable,
    bool AcceptsFinerPeriods = false);

public enum IndicatorUnit
{
    Percent,
    Count,
    Rate,
    Grade,
    Index,
    Dkk,
}

/// <summary>Which way is good. A target band means the value should stay between bounds.</summary>
public enum Direction
{
    HigherBetter,
    LowerBetter,
    TargetBand,
}

public enum IndicatorSource
{
    Register,
    Survey,
    OwnRegistration,
}

public enum Periodicity
{
    Yearly,
    HalfYearly,
    Quarterly,
    Monthly,
    Irregular,
}
