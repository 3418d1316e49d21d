using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// The roles (<see cref="AccessRoles"/>): admin everything; analyst reads and writes data and
/// definitions; viewer reads the dashboard and the API; bi reads the API only (no dashboard pages).
/// </summary>
public static class Roles
{
    public const string Admin = AccessRoles.Admin;
    public const string Analyst = AccessRoles.Analyst;
    public const string Viewer = AccessRoles.Viewer;
    public const string BiReader = AccessRoles.BiReader;

    public static readonly string[] All = AccessRoles.All;
}
