using Microsoft.AspNetCore.Http.HttpResults;

namespace Monitoring.Api.Http;

/// <summary>
/// The stable <c>type</c> of every problem the service answers with (RFC 9457), so a client can
/// branch on the kind of problem rather than on its English title. Each type is a relative URI
/// that answers with its own description; README lists them.
/// </summary>
public static class ProblemTypes
{
    public const string Prefix = "/problems/";

    /// <summary>Every type with what it means and what to do, in Danish and English.</summary>
    public static readonly IReadOnlyList<ProblemType> All =
    [
        new("bad-request", 400, "Forespørgslen kunne ikke læses (fx ugyldig JSON eller multipart).", "The request could not be read (e.g. invalid JSON or multipart)."),
        new("bad-parameter", 400, "En forespørgselsparameter er ugyldig; 'parameter' og 'value' siger hvilken.", "A query parameter is not valid; 'parameter' and 'value' say which."),
        new("unauthorized", 401, "Nøglen eller sessionen mangler, er forkert, tilbagekaldt eller udløbet.", "The key or session is missing, wrong, revoked or expired."),
        new("forbidden", 403, "Rollen må ikke dette.", "The caller's role may not do this."),
        new("not-found", 404, "Ressourcen findes ikke (eller ligger uden for nøglens planer).", "The resource does not exist (or is outside the caller's plans)."),
        new("conflict", 409, "Ressourcen findes allerede eller er i en tilstand, der forhindrer handlingen.", "The resource already exists or is in a state that prevents the action."),
        new("precondition-failed", 412, "Ressourcen er ændret, siden den blev læst; læs den igen og send den nye ETag i If-Match.", "The resource changed since it was read; read it again and send its new ETag in If-Match."),
        new("payload-too-large", 413, "Filen eller forespørgslen er større end grænsen.", "The file or request is larger than the limit."),
        new("invalid-fields", 422, "Et eller flere felter er ugyldige; 'errors' og 'fieldErrors' siger hvilke og hvorfor.", "One or more fields are not valid; 'errors' and 'fieldErrors' say which and why."),
        new("rejected-import", 422, "Filen blev afvist og intet er gemt; 'errors' nævner række, kolonne og værdi.", "The file was rejected and nothing was stored; 'errors' name row, column and value."),
        new("precondition-required", 428, "Ændringen skal sige, hvilken version den ændrer: send ETag i If-Match.", "The edit must say which version it changes: send the ETag in If-Match."),
        new("too-many-requests", 429, "For mange forespørgsler; vent det antal sekunder Retry-After angiver.", "Too many requests; wait the seconds Retry-After gives."),
        new("server-error", 500, "En uventet fejl; intet halvt er gemt. Prøv igen, og kontakt driften, hvis det gentager sig.", "An unexpected error; nothing half-done was stored. Try again and tell the operators if it repeats."),
        new("unavailable", 503, "Databasen er optaget eller utilgængelig; prøv igen efter Retry-After.", "The database is busy or unreachable; try again after Retry-After."),
    ];

    /// <summary>Gives a problem without a type of its own the stable type of its kind.</summary>
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Type?.StartsWith(Prefix, StringComparison.Ordinal) == true)
            return;
        var status = problem.Status ?? context.HttpContext.Response.StatusCode;
        var name = status switch
        {
            400 when problem.Extensions.ContainsKey("parameter") => "bad-parameter",
            422 when problem.Extensions.ContainsKey("report") => "rejected-import",
            422 => "invalid-fields",
            _ => All.FirstOrDefault(t => t.Status == status && t.Name is not ("bad-parameter" or "rejected-import"))?.Name,
        };
        if (name is not null)
            problem.Type = Prefix + name;
    }

    /// <summary><c>GET /problems/{name}</c>: what a problem type means.</summary>
    public static void MapProblemTypes(this IEndpointRouteBuilder app) =>
        app.MapGet("/problems/{name}", Results<Ok<ProblemType>, NotFound> (string name) =>
                All.FirstOrDefault(t => t.Name == name) is { } type ? TypedResults.Ok(type) : TypedResults.NotFound())
            .RequireAuthorization(Auth.Policies.Read)
            .WithTags("Problems")
            .WithName("GetProblemType")
            .WithSummary("What a problem's type means and what to do about it, in Danish and English.");
}

/// <summary>One kind of problem: its name (the last segment of its type URI), HTTP status and meaning.</summary>
public sealed record ProblemType(string Name, int Status, string Description, string DescriptionEn)
{
    public string Type => ProblemTypes.Prefix + Name;
}
