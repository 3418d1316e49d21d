using System.Security.Claims;
using Monitoring.Api.Auth;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Storage;

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
            .WithSummary("Import a canonical long CSV (multipart field 'file') as one batch; dryRun=true reports without writing.");
        imports.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListImports")
            .WithSummary("Committed import batches, newest first; cursor-paginated.");
        imports.MapGet("/{id:long}", GetAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("GetImport")
            .WithSummary("One import batch.");
    }

    private static async Task<IResult> UploadAsync(
        HttpRequest request, ObservationImporter importer, ClaimsPrincipal user, bool? dryRun, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
            return Problems.BadParameter("file", null, "Send the file as multipart/form-data in a field named 'file'.");
        var form = await request.ReadFormAsync(cancellationToken);
        var file = form.Files.GetFile("file");
        if (file is null || file.Length == 0)
            return Problems.BadParameter("file", file?.FileName, "Send a non-empty file in the multipart field 'file'.");

        var report = await importer.ImportAsync(
            new ImportRequest(file.OpenReadStream, Path.GetFileName(file.FileName), "upload", user.Identity?.Name ?? "unknown", dryRun ?? false),
            cancellationToken: cancellationToken);
        return report.Status switch
        {
            ImportStatus.Rejected => Problems.RejectedImport(report),
            ImportStatus.Committed => TypedResults.Created($"/api/v1/imports/{report.BatchId}", report),
            _ => TypedResults.Ok(report),
        };
    }

    private static async Task<IResult> ListAsync(
        HttpRequest request, ImportBatchStore batches, int? limit, string? cursor, CancellationToken cancellationToken)
    {
        if (limit is < 1 or > 1000)
            return Problems.BadParameter("limit", limit.ToString(), "Use a limit between 1 and 1000.");
        if (!Cursor.TryDecode(cursor, out var beforeId))
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
            : Problems.NotFound("Import batch", id.ToString());
}
