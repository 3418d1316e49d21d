using Monitoring.Ingest.Data;

namespace Monitoring.Tests.Support;

/// <summary>The database providers every integration test runs against.</summary>
public static class Providers
{
    public static readonly DatabaseProvider[] All = [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];
}
