using System.Globalization;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import;

namespace Monitoring.Api.Auth;

/// <summary>How an import is described in the audit log: the batch it made and the file it came from.</summary>
public static class ImportAudit
{
    public static string Of(ImportReport report) => report.Status switch
    {
        ImportStatus.Committed => string.Create(CultureInfo.InvariantCulture, $"batch {report.BatchId}, file '{report.FileName}'"),
        ImportStatus.AlreadyImported => string.Create(CultureInfo.InvariantCulture, $"already batch {report.AlreadyImportedAs}, file '{report.FileName}'"),
        _ => $"{report.Status.ToString().ToLowerInvariant()}, file '{report.FileName}'",
    };
}
