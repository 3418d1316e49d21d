using System.Data;
using System.Globalization;
using Dapper;
using Monitoring.Core.Periods;

namespace Monitoring.Ingest.Data;

/// <summary>
/// How values without a column type of their own are stored as text in both engines: periods in
/// their canonical form (<c>2023Q2</c>) and timestamps as round-trip ISO 8601 (it sorts as text).
/// The readers are registered with Dapper once per process, so a store maps rows straight to the
/// domain records instead of through a row class that only converts. Parameters are written with
/// <see cref="Timestamp"/>: Dapper maps <see cref="DateTimeOffset"/> parameters natively and would
/// send a PostgreSQL timestamp to a text column. (Dapper reads <see cref="DateOnly"/> natively and
/// ignores a handler for it, so snapshot dates keep their row class.)
/// </summary>
public static class StoredTextTypes
{
    private static int _registered;

    public static string Timestamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    public static void Register()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
            return;
        SqlMapper.AddTypeHandler(new PeriodText());
        SqlMapper.AddTypeHandler(new TimestampText());
    }

    private sealed class PeriodText : SqlMapper.TypeHandler<Period>
    {
        public override Period Parse(object value) => Period.Parse((string)value);

        public override void SetValue(IDbDataParameter parameter, Period value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString();
        }
    }

    private sealed class TimestampText : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override DateTimeOffset Parse(object value) =>
            DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = Timestamp(value);
        }
    }

}
