using System.Text.Json;
using Dapper;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>Survey definitions, each kept whole as JSON.</summary>
public sealed class SurveyDefinitionStore(MonitoringDatabase database)
{
    public async Task<IReadOnlyList<SurveyDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT definition FROM survey_definitions ORDER BY code", cancellationToken: cancellationToken));
        return rows.Select(Parse).ToList();
    }

    public async Task<SurveyDefinition?> FindAsync(string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT definition FROM survey_definitions WHERE code = @code", new { code = code.ToLowerInvariant() },
            cancellationToken: cancellationToken));
        return row is null ? null : Parse(row);
    }

    /// <summary>Inserts or replaces the definition (its code in lower case, the one stored spelling).</summary>
    public async Task SaveAsync(SurveyDefinition definition, CancellationToken cancellationToken = default)
    {
        var stored = definition with { Code = definition.Code.ToLowerInvariant() };
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO survey_definitions (code, name, definition) VALUES (@Code, @Name, @json)
            ON CONFLICT (code) DO UPDATE SET name = excluded.name, definition = excluded.definition
            """,
            new { stored.Code, stored.Name, json = JsonSerializer.Serialize(stored, MetadataJson.Options) },
            cancellationToken: cancellationToken));
    }

    private static SurveyDefinition Parse(string json) =>
        JsonSerializer.Deserialize<SurveyDefinition>(json, MetadataJson.Options)
        ?? throw new InvalidDataException("A stored survey definition is empty.");
}
