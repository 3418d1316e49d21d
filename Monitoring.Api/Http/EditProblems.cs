using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Http;

/// <summary>RFC 9457 problems of framework edits: missing or stale preconditions, refused fields, blocked deletes.</summary>
public static class EditProblems
{
    public static IResult PreconditionRequired() =>
        TypedResults.Problem(
            title: "If-Match is required",
            detail: "Edits of the goal framework must say which version they change: read the resource (GET), then send its ETag in If-Match.",
            statusCode: StatusCodes.Status428PreconditionRequired,
            extensions: new Dictionary<string, object?> { ["header"] = "If-Match" });

    public static IResult Stale(string what) =>
        TypedResults.Problem(
            title: $"The {what} has changed since it was read",
            detail: $"Someone else has edited the {what}; read it again (GET) for the current version and ETag, then make the edit again.",
            statusCode: StatusCodes.Status412PreconditionFailed,
            extensions: new Dictionary<string, object?> { ["header"] = "If-Match" });

    public static IResult BadBody(string? path, string message) =>
        TypedResults.Problem(
            title: "The request body is not valid JSON for this resource",
            detail: string.IsNullOrEmpty(path) ? message : $"{path}: {message}",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = path });

    /// <summary>Maps what an edit did (or refused) to its response; <paramref name="what"/> names the resource for people.</summary>
    public static IResult For(EditResult result, string what, string key, HttpResponse response) => result.Status switch
    {
        EditStatus.NotFound => Problems.NotFound(Capitalised(what), key),
        EditStatus.Stale => Stale(what),
        EditStatus.Blocked => TypedResults.Problem(
            title: $"The {what} cannot be deleted",
            detail: result.Blocker,
            statusCode: StatusCodes.Status409Conflict),
        EditStatus.Invalid when result.Immutable => TypedResults.Problem(
            title: $"Field '{result.Errors![0].Field}' cannot be changed",
            detail: result.Errors[0].Message,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["field"] = result.Errors[0].Field, ["errors"] = result.Errors }),
        EditStatus.Invalid => Problems.InvalidFields($"The {what} is not valid", result.Errors ?? []),
        _ => Done(result, response),
    };

    private static Microsoft.AspNetCore.Http.HttpResults.Ok<EditResponse> Done(EditResult result, HttpResponse response)
    {
        var dryRun = result.Status == EditStatus.DryRun;
        if (!dryRun && result.Version is { } version)
            RowETag.Set(response, version);
        return TypedResults.Ok(new EditResponse(dryRun, result.Changes));
    }

    private static string Capitalised(string what) => string.Concat(what[..1].ToUpperInvariant(), what[1..]);
}

/// <summary>The answer to an edit: whether it was only a dry run, and what was (or would be) added, changed and retired.</summary>
public sealed record EditResponse(bool DryRun, IReadOnlyList<FrameworkChange> Changes);
