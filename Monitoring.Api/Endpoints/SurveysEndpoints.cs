using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Reports;
using Monitoring.Ingest.Surveys;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// Survey definitions and respondent uploads. Respondents go in and never come out: the upload
/// answers with counts and the batch of aggregated shares, and no route reads respondent rows.
/// </summary>
public static class SurveysEndpoints
{
    public static void MapSurveysEndpoints(this RouteGroupBuilder api)
    {
        var surveys = api.MapGroup("/surveys").WithTags("Surveys");
        surveys.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListSurveys")
            .Produces<IReadOnlyList<SurveyView>>()
            .WithSummary("Survey definitions: attribute columns (subgroup dimensions), crossings, and questions with their answer categories and indicator; with respondent counts per wave.");
        surveys.MapGet("/{code}", GetAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetSurvey")
            .Produces<SurveyView>()
            .WithSummary("One survey definition with respondent counts per wave.");
        surveys.MapPut("/{code}", PutAsync)
            .RequireAuthorization(Policies.Admin)
            .WithName("PutSurvey")
            .Produces<SurveyDefinition>()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Create or replace a survey definition.");
        surveys.MapPost("/{code}/responses", UploadAsync)
            .RequireAuthorization(Policies.Write)
            .DisableAntiforgery()
            .WithName("UploadSurveyResponses")
            .Produces<SurveyImportReport>()
            .Produces<SurveyImportReport>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RejectsImport())
            .WithMetadata(new FileUpload("file", "The respondent file: one row per respondent (CSV, .xlsx or .xls)."))
            .WithSummary("Import a respondent file (multipart field 'file'; CSV in UTF-8, UTF-16 or Windows-1252, or .xlsx/.xls): one row per respondent " +
                         "with respondent id, area, wave, the definition's attribute columns and one column per question. It replaces the respondents of each " +
                         "area and wave it holds; the shares per area × wave × subgroup (suppressed where too few answered) are imported as one batch. " +
                         "dryRun=true reports without writing. Respondent rows are never returned.");
        api.MapGet("/charts/surveys/{indicator}.{format}", ChartAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Charts")
            .WithName("GetTargetGroupChart")
            .Produces<Stream>(StatusCodes.Status200OK, "image/svg+xml", "image/png")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A survey indicator's target groups side by side for one area and wave (svg or png): shares with Wilson 95 % intervals, " +
                         "a star where the change since the previous wave is significant (two-proportion test, 5 %). wave defaults to the latest.");
    }

    private static async Task<IResult> ChartAsync(
        string indicator, string format, string? area, string? wave, int? width, int? height, HttpContext context, TargetGroupQuery query,
        DataVersionETag etags, CancellationToken cancellationToken)
    {
        format = format.ToLowerInvariant();
        if (format is not ("svg" or "png"))
            return Problems.BadParameter("format", format, "Ask for .svg or .png.");
        if (string.IsNullOrEmpty(area))
            return Problems.BadParameter("area", area, "Name the area, e.g. area=0901-SOLHAVEN.");
        if (!PeriodParameter.TryParse("wave", wave, out var period, out var problem))
            return problem!;
        var (w, h) = (width ?? 800, height ?? 420);
        if (w is < 200 or > 2400 || h is < 120 or > 1600)
            return Problems.BadParameter("width", $"{w}x{h}", "Use a width between 200 and 2400 and a height between 120 and 1600 pixels.");
        var tag = await etags.ForAsync(context, "chart-survey", [indicator, area, period?.ToString(), format, $"{w}x{h}"], cancellationToken);
        if (tag.NotModified)
            return tag.NotModifiedResult(context, "public, max-age=300");
        if (await query.CompareAsync(indicator, area, period, cancellationToken) is not { } comparison)
            return Problems.NotFound("Survey indicator, area or wave", $"{indicator} / {area} / {wave}");
        tag.Apply(context, "public, max-age=300");
        return format == "svg"
            ? TypedResults.Text(TargetGroupChart.Svg(comparison, w, h), "image/svg+xml")
            : TypedResults.File(TargetGroupChart.Png(comparison, w, h), "image/png");
    }

    private static async Task<IResult> ListAsync(SurveyDefinitionStore store, RespondentStore respondents, CancellationToken cancellationToken)
    {
        var result = new List<SurveyView>();
        foreach (var definition in await store.ListAsync(cancellationToken))
            result.Add(new SurveyView(definition, await respondents.CountByWaveAsync(definition.Code, cancellationToken)));
        return TypedResults.Ok(result);
    }

    private static async Task<IResult> GetAsync(string code, SurveyDefinitionStore store, RespondentStore respondents, CancellationToken cancellationToken) =>
        await store.FindAsync(code, cancellationToken) is { } definition
            ? TypedResults.Ok(new SurveyView(definition, await respondents.CountByWaveAsync(definition.Code, cancellationToken)))
            : Problems.NotFound("Survey", code);

    private static async Task<IResult> PutAsync(
        string code, SurveyDefinition definition, SurveyDefinitionStore store, IndicatorStore indicators, DimensionStore dimensions,
        CancellationToken cancellationToken)
    {
        var errors = SurveyDefinitionValidator.Validate(definition with { Code = code }, await indicators.ListAsync(cancellationToken), await dimensions.ListAsync(cancellationToken));
        if (errors.Count > 0)
            return Problems.InvalidFields("The survey definition is invalid", errors);
        await store.SaveAsync(definition with { Code = code }, cancellationToken);
        return TypedResults.Ok(await store.FindAsync(code, cancellationToken));
    }

    private static async Task<IResult> UploadAsync(
        string code, HttpRequest request, SurveyImporter importer, ClaimsPrincipal user, bool? dryRun, string? encoding, string? sheet,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Problems.BadParameter("file", null, "Send the file as multipart/form-data in a field named 'file'.");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Problems.BadParameter("file", file?.FileName, "Send a non-empty file in the multipart field 'file'.");
        var report = await importer.ImportAsync(code,
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "upload", user.Identity?.Name ?? "unknown", dryRun ?? false)
            {
                Options = new ImportOptions(encoding, null, sheet),
            },
            cancellationToken);
        return report switch
        {
            null => Problems.NotFound("Survey", code),
            { Status: ImportStatus.Rejected } => Rejected(report),
            { Status: ImportStatus.Committed, Import.BatchId: { } batch } => TypedResults.Created($"/api/v1/imports/{batch}", report),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>422 with every problem, Danish unless the request asks for English.</summary>
    private static LocalizedProblem Rejected(SurveyImportReport report) =>
        new(english =>
        {
            var errors = report.Errors.Select(e => e.In(english)).ToList();
            var first = string.Join(" ", errors.Take(3).Select(e => english
                ? $"row {e.Row}, {e.Column} '{e.Value}': {e.Message}"
                : $"række {e.Row}, {e.Column} '{e.Value}': {e.Message}"));
            return TypedResults.Problem(
                title: english ? "The respondent file was rejected; nothing was imported" : "Besvarelsesfilen blev afvist; intet blev importeret",
                detail: english ? $"{errors.Count} problem(s) in {report.FileName}. First: {first}" : $"{errors.Count} fejl i {report.FileName}. Først: {first}",
                statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = errors, ["report"] = report with { Errors = errors } });
        });
}

/// <summary>A survey definition with how many respondents each wave holds (counts only).</summary>
public sealed record SurveyView(SurveyDefinition Definition, IReadOnlyDictionary<string, int> RespondentsByWave);
