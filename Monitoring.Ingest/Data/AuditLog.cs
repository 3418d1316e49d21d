using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>One write as the audit log keeps it.</summary>
public sealed record AuditEntry(long Id, DateTimeOffset At, string Actor, string Action, string Subject, string? Detail);

/// <summary>
/// Who wrote what and when: every write of the API and the command line, keys, sign-in links and
/// sign-ins. Append-only; entries are never changed or removed.
/// </summary>
public sealed class AuditLog(MonitoringDatabase database, TimeProvider clock)
{
    /// <summary>The actor for writes made on the command line: the operating-system user running it.</summary>
    public static string CommandLineActor => "cli:" + Environment.UserName;

    public async Task RecordAsync(string actor, string action, string subject, string? detail = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO audit_log (at, actor, action, subject, detail) VALUES (@at, @actor, @action, @subject, @detail)",
            new { at = StoredTextTypes.Timestamp(clock.GetUtcNow()), actor, action, subject, detail = Truncate(detail) },
            cancellationToken: cancellationToken));
    }

    /// <summary>The newest entries first, <paramref name="limit"/> of them, older than entry <paramref name="before"/> when given.</summary>
    public async Task<IReadOnlyList<AuditEntry>> ListAsync(int limit, long? before = null, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            """
            SELECT id AS Id, at AS At, actor AS Actor, action AS Action, subject AS Subject, detail AS Detail
            FROM audit_log WHERE (@before IS NULL OR id < @before) ORDER BY id DESC LIMIT @limit
            """,
            new { before, limit = Math.Clamp(limit, 1, 1000) }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    // A detail is a note, not a copy of the request: a bounded length keeps a hostile body out of the log.
    private static string? Truncate(string? detail) => detail is { Length: > 500 } ? detail[..500] + "…" : detail;
}
