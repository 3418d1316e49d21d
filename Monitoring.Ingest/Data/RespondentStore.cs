using System.Data.Common;
using System.Text.Json;
using Dapper;
using Monitoring.Core.Surveys;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Respondent rows of surveys. Written and read only to aggregate them; no route serves them. A file
/// replaces the respondents of every area and wave it holds.
/// </summary>
public sealed class RespondentStore(MonitoringDatabase database)
{
    public static async Task ReplaceAsync(
        DbConnection connection, DbTransaction transaction, string survey, IReadOnlyList<Respondent> respondents, CancellationToken cancellationToken)
    {
        foreach (var (area, wave) in respondents.Select(r => (r.Area, r.Wave)).Distinct())
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM survey_respondents WHERE survey_code = @survey AND scope_code = @area AND wave = @wave",
                new { survey, area, wave = wave.ToString() }, transaction, cancellationToken: cancellationToken));
        }
        foreach (var r in respondents)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO survey_respondents (survey_code, scope_code, wave, respondent_id, attributes, answers)
                VALUES (@survey, @Area, @wave, @Id, @attributes, @answers)
                """,
                new
                {
                    survey, r.Area, wave = r.Wave.ToString(), r.Id,
                    attributes = JsonSerializer.Serialize(r.Attributes), answers = JsonSerializer.Serialize(r.Answers),
                },
                transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>How many respondents are kept for a survey, per wave (for the survey's overview; never the rows).</summary>
    public async Task<IReadOnlyDictionary<string, int>> CountByWaveAsync(string survey, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(string Wave, long Count)>(new CommandDefinition(
            "SELECT wave, COUNT(*) FROM survey_respondents WHERE survey_code = @survey GROUP BY wave ORDER BY wave",
            new { survey }, cancellationToken: cancellationToken));
        return rows.ToDictionary(r => r.Wave, r => (int)r.Count, StringComparer.Ordinal);
    }
}
