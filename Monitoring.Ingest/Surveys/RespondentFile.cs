using Monitoring.Core.Model;
using Monitoring.Core.Surveys;

namespace Monitoring.Ingest.Surveys;

/// <summary>A respondent file as read: its respondents, or the errors that keep it from being stored; and how it was read.</summary>
public sealed record RespondentFile(
    IReadOnlyList<Respondent> Respondents, IReadOnlyList<RowError> Errors, string Format, IReadOnlyList<string> IgnoredColumns);
