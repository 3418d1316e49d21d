using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Ingest.Chain;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The activity list as secretariats keep it, one row per activity: downloaded as Danish Excel CSV,
/// edited, and uploaded again (CSV or spreadsheet) to create and change a plan's activities in one go.
/// </summary>
public static class ActivityListEndpoints
{
    public static void MapActivityListEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/plans/{slug}/activities", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Chain of steering")
            .WithName("ListActivities")
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<IReadOnlyList<Activity>>()
            .WithSummary("The plan's current activities; format=csv gives the activity list as Danish Excel CSV (semicolons, decimal commas, UTF-8 with BOM) " +
                         "in the columns the upload reads: delaftale, aktivitet, beskrivelse, partner, start, slut, status, indikatorer, " +
                         "budget ÅÅÅÅ / forbrug ÅÅÅÅ per year, milepæl N / frist N / nået N per milestone.");
        api.MapPost("/plans/{slug}/activities/import", ImportAsync)
            .RequireAuthorization(Policies.Write)
            .DisableAntiforgery()
            .WithTags("Chain of steering")
            .WithName("ImportActivityList")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RejectsImport())
            .WithMetadata(new FileUpload("file", "The activity list: CSV (UTF-8 or Windows-1252, ',' or ';') or .xlsx/.xls, one row per activity."))
            .Produces<ActivityListReport>()
            .WithSummary("Upload the activity list (multipart field 'file'; CSV in UTF-8, UTF-16 or Windows-1252 with ',' or ';', or the first sheet of an .xlsx/.xls; " +
                         "the columns of GET activities?format=csv, Danish or English headers). A row whose title matches an activity of its sub-agreement changes it " +
                         "(a new version with the caller and the time; an unchanged row adds none), any other row creates one. Atomic: any row error rejects the " +
                         "whole list with 422 and every error by row and column. dryRun=true reports what would be created, changed and unchanged without writing.");
    }

    private static async Task<IResult> ListAsync(string slug, HttpRequest request, PlanStore plans, ChainStore chain, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem))
            return problem!;
        if (await plans.FindAsync(slug, cancellationToken) is null)
            return Problems.NotFound("Plan", slug);
        var subAgreements = await chain.ForPlanAsync(slug, null, cancellationToken);
        if (!csv)
            return TypedResults.Ok(subAgreements.SelectMany(s => s.Activities).ToList());
        using var buffer = new MemoryStream();
        ActivityListCsv.Write(buffer, subAgreements);
        return TypedResults.File(buffer.ToArray(), ActivityListCsv.ContentType, $"{slug}-aktivitetsliste.csv");
    }

    private static async Task<IResult> ImportAsync(
        string slug, HttpRequest request, bool? dryRun, string? encoding, string? sheet, ActivityListImporter importer, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Problems.BadParameter("file", null, "Send the file as multipart/form-data in a field named 'file'.");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Problems.BadParameter("file", file?.FileName, "Send a non-empty file in the multipart field 'file'.");
        var report = await importer.ImportAsync(slug,
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "activity-list", user.Identity?.Name ?? "unknown", dryRun ?? false)
            {
                Options = new ImportOptions(encoding, null, sheet),
            },
            cancellationToken);
        return report switch
        {
            null => Problems.NotFound("Plan", slug),
            { Status: ImportStatus.Rejected } => Rejected(report),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>422 with every row error, Danish unless the request asks for English — the observation import's shape.</summary>
    private static LocalizedProblem Rejected(ActivityListReport report) =>
        new(english =>
        {
            var errors = report.Errors.Select(e => e.In(english)).ToList();
            var first = string.Join(" ", errors.Take(3).Select(e => english
                ? $"row {e.Row}, {e.Column} '{e.Value}': {e.Message}"
                : $"række {e.Row}, {e.Column} '{e.Value}': {e.Message}"));
            return TypedResults.Problem(
                title: english ? "The activity list was rejected; nothing was imported" : "Aktivitetslisten blev afvist; intet blev importeret",
                detail: english ? $"{errors.Count} problem(s) in {report.FileName}. First: {first}" : $"{errors.Count} fejl i {report.FileName}. Først: {first}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["report"] = report with { Errors = errors } });
        });
}
