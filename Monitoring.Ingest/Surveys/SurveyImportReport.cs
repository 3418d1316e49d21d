using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Ingest.Surveys;

/// <summary>
/// What importing a respondent file did: how many respondents in which waves, how many shares were
/// produced and how many withheld by suppression, and the report of the batch the shares were
/// imported as. Never the respondents themselves.
/// </summary>
/// <param name="Import">The aggregates' import batch; null when the respondent file itself was rejected.</param>
public sealed record SurveyImportReport(
    string Survey,
    ImportStatus Status,
    string FileName,
    string Format,
    int Respondents,
    IReadOnlyList<string> Waves,
    int Aggregates,
    int Suppressed,
    IReadOnlyList<RowError> Errors,
    IReadOnlyList<string> IgnoredColumns,
    ImportReport? Import);
