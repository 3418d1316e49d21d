using Monitoring.Ingest.Import;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Http;

/// <summary>RFC 9457 problem responses that name the parameter, field or row at fault.</summary>
public static class Problems
{
    public static IResult BadParameter(string parameter, string? value, string message) =>
        TypedResults.Problem(
            title: $"Invalid query parameter '{parameter}'",
            detail: message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["value"] = value });

    public static IResult NotFound(string what, string key) =>
        TypedResults.Problem(
            title: $"{what} not found",
            detail: $"There is no {what.ToLowerInvariant()} '{key}'.",
            statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string what, string key) =>
        TypedResults.Problem(
            title: $"{what} already exists",
            detail: $"A {what.ToLowerInvariant()} '{key}' already exists; codes are never reused.",
            statusCode: StatusCodes.Status409Conflict);

    public static IResult InvalidFields(string title, IReadOnlyList<FieldError> errors) =>
        TypedResults.Problem(
            title: title,
            detail: string.Join(" ", errors.Take(3).Select(e => $"{e.Field}: {e.Message}")),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = errors });

    public static IResult RejectedImport(ImportReport report) =>
        TypedResults.Problem(
            title: "The file was rejected; nothing was imported",
            detail: $"{report.ErrorCount} problem(s) in {report.FileName}. First: " +
                    string.Join(" ", report.Errors.Take(3).Select(e => $"row {e.Row}, {e.Column} '{e.Value}': {e.Message}")),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["errors"] = report.Errors, ["report"] = report });
}
