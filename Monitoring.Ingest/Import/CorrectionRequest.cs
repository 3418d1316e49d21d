using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Import;

/// <summary>
/// Correct one observation (a new value, with numerator and denominator if it rests on counts) or
/// withdraw it, and say why. The key is given as an analyst writes it in a file.
/// </summary>
public sealed record CorrectionRequest(
    string? Indicator,
    string? Area,
    string? Period,
    string? Subgroup,
    double? Value,
    double? Numerator,
    double? Denominator,
    bool Withdraw,
    string? Reason,
    string RequestedBy);

public enum CorrectionOutcome
{
    Corrected,
    Withdrawn,
    Invalid,
    NotFound,
}

/// <summary>
/// What a correction did: the batch that holds it and the value before and after (after is null
/// for a withdrawal); or the fields at fault; or, for <see cref="CorrectionOutcome.NotFound"/>, why.
/// </summary>
public sealed record CorrectionResult(
    CorrectionOutcome Outcome,
    IReadOnlyList<FieldError> Errors,
    long? BatchId = null,
    string? Indicator = null,
    string? Area = null,
    string? Period = null,
    string? Subgroup = null,
    double? ValueBefore = null,
    double? ValueAfter = null,
    string? Reason = null,
    string? Message = null);
