using EvolveDb;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Applies the provider's scripts from <c>sql/&lt;provider&gt;/V####__name.sql</c> in order with
/// Evolve, which journals them with checksums in <c>changelog</c> and refuses a script that was
/// changed after it was applied.
/// </summary>
public sealed class SchemaMigrator(MonitoringDatabase database)
{
    public IReadOnlyList<string> Migrate(Action<string>? log = null)
    {
        if (!Directory.Exists(database.ScriptsFolder))
            throw new InvalidOperationException($"Migration scripts not found in '{database.ScriptsFolder}'.");
        using var connection = database.CreateConnection();
        var evolve = new Evolve(connection, message => log?.Invoke(message))
        {
            Locations = [database.ScriptsFolder],
            IsEraseDisabled = true,
            MetadataTableName = "changelog",
        };
        try
        {
            evolve.Migrate();
        }
        catch (EvolveException ex)
        {
            throw new SchemaMigrationException(
                $"The database schema could not be brought up to date from '{database.ScriptsFolder}': {Describe(ex)} " +
                "A script that was already applied must never be edited; add a new numbered script instead.",
                ex);
        }
        return evolve.AppliedMigrations;
    }

    private static string Describe(Exception ex) =>
        ex.InnerException is null ? ex.Message : $"{ex.Message} ({ex.InnerException.Message})";
}

public sealed class SchemaMigrationException(string message, Exception inner) : Exception(message, inner);
