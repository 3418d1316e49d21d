using Microsoft.AspNetCore.Mvc;
using Monitoring.Core.Model;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Hosting.OpenApi;

/// <summary>
/// The shape of a 422 <c>/problems/invalid-fields</c> answer, for the OpenAPI document only:
/// every bad field in <see cref="Errors"/> and the same messages keyed by field in <see cref="FieldErrors"/>
/// (ValidationProblemDetails' shape). The handlers build it through <c>Problems.InvalidFields</c>.
/// </summary>
public sealed class InvalidFieldsProblem : ProblemDetails
{
    /// <summary>Every bad field with its JSON path, value and message.</summary>
    public IReadOnlyList<FieldError> Errors { get; init; } = [];

    /// <summary>The messages keyed by field (JSON path).</summary>
    public IDictionary<string, string[]> FieldErrors { get; init; } = new Dictionary<string, string[]>();
}

/// <summary>
/// The shape of a 400 answer, for the OpenAPI document only: <c>/problems/bad-parameter</c> names the
/// query parameter and value at fault; <c>/problems/bad-request</c> may name the body field.
/// </summary>
public sealed class BadRequestProblem : ProblemDetails
{
    /// <summary>The query parameter at fault (bad-parameter).</summary>
    public string? Parameter { get; init; }

    /// <summary>The value given, cut to about 200 characters (bad-parameter).</summary>
    public string? Value { get; init; }

    /// <summary>The body field at fault, as a JSON path (bad-request), when one is known.</summary>
    public string? Field { get; init; }
}

/// <summary>The shape of a 422 <c>/problems/rejected-import</c> answer, for the OpenAPI document only.</summary>
public sealed class RejectedImportProblem : ProblemDetails
{
    /// <summary>Every row error (row, column, value, message); capped, see the report's errorCount.</summary>
    public IReadOnlyList<RowError> Errors { get; init; } = [];

    /// <summary>The import's report (as a dry run answers it: what was read and why it was refused); nothing was stored.</summary>
    public object? Report { get; init; }
}
