using Monitoring.Core.Text;
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
            extensions: new Dictionary<string, object?> { ["parameter"] = parameter, ["value"] = Echo.Truncate(value) });

    public static IResult NotFound(string what, string key) =>
        TypedResults.Problem(
            title: $"{what} not found",
            detail: $"There is no {what.ToLowerInvariant()} '{Echo.Truncate(key)}'.",
            statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string what, string key) =>
        TypedResults.Problem(
            title: $"{what} already exists",
            detail: $"A {what.ToLowerInvariant()} '{Echo.Truncate(key)}' already exists; codes are never reused.",
            statusCode: StatusCodes.Status409Conflict);

    /// <summary>422 listing every bad field; Danish unless the request asks for English (<see cref="ErrorLanguage"/>).</summary>
    public static IResult InvalidFields(string title, IReadOnlyList<FieldError> errors) =>
        new LocalizedProblem(english => TypedResults.Problem(
            title: title,
            detail: string.Join(" ", errors.Take(3).Select(e => $"{e.Field}: {e.In(english).Message}")),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["errors"] = errors.Select(e => e.In(english)).ToList(),
                ["fieldErrors"] = FieldErrors(errors, english),
            }));

    /// <summary>The field errors keyed by field, as clients that bind forms expect them (ValidationProblemDetails' shape).</summary>
    private static Dictionary<string, string[]> FieldErrors(IReadOnlyList<FieldError> errors, bool english) =>
        errors.GroupBy(e => e.Field, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(e => e.In(english).Message).ToArray(), StringComparer.Ordinal);

    /// <summary>422 with every row error; Danish unless the request asks for English (<see cref="ErrorLanguage"/>).</summary>
    public static IResult RejectedImport(ImportReport report) =>
        new LocalizedProblem(english =>
        {
            var errors = report.Errors.Select(e => e.In(english)).ToList();
            var first = string.Join(" ", errors.Take(3).Select(e => english
                ? $"row {e.Row}, {e.Column} '{e.Value}': {e.Message}"
                : $"række {e.Row}, {e.Column} '{e.Value}': {e.Message}"));
            return TypedResults.Problem(
                title: english ? "The file was rejected; nothing was imported" : "Filen blev afvist; intet blev importeret",
                detail: english
                    ? $"{report.ErrorCount} problem(s) in {report.FileName}. First: {first}"
                    : $"{report.ErrorCount} fejl i {report.FileName}. Først: {first}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["report"] = report with { Errors = errors } });
        });
}
