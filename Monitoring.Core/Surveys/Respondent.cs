using Monitoring.Core.Periods;

namespace Monitoring.Core.Surveys;

/// <summary>
/// One respondent's answers in one wave: kept apart from indicator data and never served; only
/// aggregates leave the service. <see cref="Attributes"/> maps a dimension code to the value code
/// (a blank attribute is left out); <see cref="Answers"/> maps a question column to the answer.
/// </summary>
public sealed record Respondent(
    string Id,
    string Area,
    Period Wave,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyDictionary<string, string> Answers);
