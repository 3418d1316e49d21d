using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using Hangfire;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Jobs;

namespace Monitoring.Api.Endpoints;

/// <summary>Uploading files of observations and reading the import journal.</summary>
public static class ImportsEndpoints
{
    public static void MapImportsEndpoints(this RouteGroupBuilder api)
    {
        var imports = api.MapGroup("/imports").WithTags("Imports");
        imports.MapPost("/", UploadAsync)
            .RequireAuthorization(Policies.Write)
            .DisableAntiforgery()
            .WithName("UploadImport")
            .Produces<ImportReport>()
            .Produces<ImportReport>(StatusCodes.Status201Created)
            .Produces<UploadView>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithMetadata(new RejectsImport())
            .WithMetadata(new FileUpload("file", "The file of observations: CSV (UTF-8, UTF-16 or Windows-1252), .xlsx or .xls."))
            .WithSummary("Import a file of observations (multipart field 'file') as one batch: CSV in UTF-8, UTF-16 or Windows-1252, " +
                         "long or wide (periods or indicators as columns), or an .xlsx/.xls sheet; Danish or English headers. " +
                         "encoding, layout (long, wide-periods, wide-indicators) and sheet override detection; the report names what was detected " +
                         "and previews the first rows as stored. dryRun=true reports without writing. " +
                         "A file larger than Monitoring:Jobs:BackgroundUploadBytes is imported by a background job: 202 with the upload's URL.");
        imports.MapGet("/uploads/{id}", UploadStatusAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("GetUpload")
            .Produces<UploadView>()
            .WithSummary("A background upload: queued, running, committed, rejected or failed; rows processed; the batch and report when done.");
        imports.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListImports")
            .Produces<Page<ImportBatch>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("Committed import batches, newest first; cursor-paginated.");
        imports.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetImport")
            .Produces<ImportBatch>()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("One import batch.");
    }

    private static async Task<IResult> UploadAsync(
        HttpRequest request, ObservationImporter importer, ClaimsPrincipal user, bool? dryRun, string? encoding, string? layout, string? sheet,
        IOptions<JobsOptions> jobs, UploadStore uploads, IBackgroundJobClient backgroundJobs, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Problems.BadParameter("file", null, "Send the file as multipart/form-data in a field named 'file'.");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Problems.BadParameter("file", file?.FileName, "Send a non-empty file in the multipart field 'file'.");

        var options = new ImportOptions(encoding, layout, sheet);
        if (file.Length > jobs.Value.BackgroundUploadBytes && dryRun != true)
            return await AcceptInBackgroundAsync(request.HttpContext, file, options, user, jobs.Value, uploads, backgroundJobs, cancellationToken);

        var report = await importer.ImportAsync(
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "upload", user.Identity?.Name ?? "unknown", dryRun ?? false)
            {
                Options = options,
            },
            cancellationToken: cancellationToken);
        WriteAudit.Describe(request.HttpContext, ImportAudit.Of(report));
        return report.Status switch
        {
            ImportStatus.Rejected => Problems.RejectedImport(report),
            ImportStatus.Committed => TypedResults.Created($"/api/v1/imports/{report.BatchId}", report),
            _ => TypedResults.Ok(report),
        };
    }

    /// <summary>Saves the file, records the upload as queued and enqueues its import; 202 with the upload's URL.</summary>
    private static async Task<IResult> AcceptInBackgroundAsync(
        HttpContext http, IFormFile file, ImportOptions options, ClaimsPrincipal user, JobsOptions jobs, UploadStore uploads, IBackgroundJobClient backgroundJobs,
        CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var folder = Directory.CreateDirectory(Path.GetFullPath(jobs.UploadFolder)).FullName;
        var path = Path.Combine(folder, id + ".csv");
        await using (var target = File.Create(path))
            await file.CopyToAsync(target, cancellationToken);
        await uploads.CreateAsync(id, Path.GetFileName(file.FileName), path, file.Length, user.Identity?.Name ?? "unknown", options, cancellationToken);
        var location = $"/api/v1/imports/uploads/{id}";
        WriteAudit.Describe(http, $"upload {id}, file '{Path.GetFileName(file.FileName)}', {file.Length} bytes");
        // Every write of this request happens before the import starts: on SQLite the import holds
        // the only write lock, and a write after it would hold the 202 back until the import ended.
        await WriteAudit.RecordNowAsync(http, StatusCodes.Status202Accepted, location);
        backgroundJobs.Enqueue<UploadImportJob>(job => job.RunAsync(id, null, CancellationToken.None));
        var upload = await uploads.FindAsync(id, cancellationToken);
        return TypedResults.Accepted(location, UploadView.From(upload!));
    }

    private static async Task<IResult> UploadStatusAsync(string id, UploadStore uploads, CancellationToken cancellationToken) =>
        await uploads.FindAsync(id, cancellationToken) is { } upload
            ? TypedResults.Ok(UploadView.From(upload))
            : Problems.NotFound("Upload", id);

    private static async Task<IResult> ListAsync(
        HttpRequest request, ImportBatchStore batches, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
            return Problems.BadParameter("limit", limit?.ToString(CultureInfo.InvariantCulture), "Use a limit between 1 and 1000.");
        if (!Cursor.TryDecode(cursor, out long beforeId))
            return Problems.BadParameter("cursor", cursor, "The cursor is not one this API gave out; start again without it.");
        var pageSize = limit ?? 50;
        var rows = await batches.ListAsync(pageSize + 1, beforeId == 0 ? null : beforeId, cancellationToken);
        var hasMore = rows.Count > pageSize;
        var page = hasMore ? rows.Take(pageSize).ToList() : rows;
        return TypedResults.Ok(new Page<ImportBatch>(
            page,
            hasMore ? Cursor.Encode(page[^1].Id) : null,
            hasMore ? Cursor.NextLink(request, page[^1].Id) : null));
    }

    private static async Task<IResult> GetAsync(long id, ImportBatchStore batches, CancellationToken cancellationToken) =>
        await batches.FindAsync(id, cancellationToken) is { } batch
            ? TypedResults.Ok(batch)
            : Problems.NotFound("Import batch", id.ToString(CultureInfo.InvariantCulture));
}

/// <summary>A background upload as the API shows it.</summary>
public sealed record UploadView(
    string Id, string FileName, long SizeBytes, string Status, string? Stage, int RowsProcessed, int RowsTotal, long? BatchId,
    string? Batch, JsonElement? Report, string? Error, string? JobId, string RequestedBy, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static UploadView From(Upload upload) => new(
        upload.Id, upload.FileName, upload.SizeBytes, upload.Status, upload.Stage, upload.RowsDone, upload.RowsTotal, upload.BatchId,
        upload.BatchId is { } batch ? $"/api/v1/imports/{batch}" : null,
        upload.ReportJson is { } json ? JsonDocument.Parse(json).RootElement : null,
        upload.Error, upload.JobId, upload.RequestedBy, upload.CreatedAt, upload.UpdatedAt);
}
