using Dapper;

namespace Monitoring.Ingest.Data;

/// <summary>Stored board briefs per plan, newest first; the content is read only when one is downloaded.</summary>
public sealed class BoardBriefStore(MonitoringDatabase database, TimeProvider clock)
{
    private const string SelectInfo =
        "SELECT id AS Id, plan_slug AS PlanSlug, media_type AS MediaType, file_name AS FileName, created_at AS CreatedAt FROM board_briefs";

    public async Task<long> AddAsync(string planSlug, string mediaType, string fileName, byte[] content,
        CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO board_briefs (plan_slug, media_type, file_name, content, created_at)
            VALUES (@planSlug, @mediaType, @fileName, @content, @now)
            RETURNING id
            """,
            new { planSlug, mediaType, fileName, content, now = StoredTextTypes.Timestamp(clock.GetUtcNow()) },
            cancellationToken: cancellationToken));
    }

    public async Task<IReadOnlyList<BoardBrief>> ListAsync(string planSlug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<BoardBrief>(new CommandDefinition(
            SelectInfo + " WHERE plan_slug = @planSlug ORDER BY id DESC", new { planSlug }, cancellationToken: cancellationToken));
        return rows.ToList();
    }

    public async Task<(BoardBrief Brief, byte[] Content)?> FindAsync(string planSlug, long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<BoardBrief>(new CommandDefinition(
            SelectInfo + " WHERE plan_slug = @planSlug AND id = @id", new { planSlug, id }, cancellationToken: cancellationToken));
        if (row is null)
            return null;
        var content = await connection.ExecuteScalarAsync<byte[]>(new CommandDefinition(
            "SELECT content FROM board_briefs WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        return (row, content!);
    }
}

public sealed record BoardBrief(long Id, string PlanSlug, string MediaType, string FileName, DateTimeOffset CreatedAt);
