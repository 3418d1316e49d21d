namespace Monitoring.Ingest.Data;

/// <summary>
/// The roles a key, a sign-in link or an OpenID Connect claim can give (what each may do is in the
/// README's roles table and <c>Monitoring.Api.Auth.Policies</c>).
/// </summary>
public static class AccessRoles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";
    public const string BiReader = "bi";

    public static readonly string[] All = [Admin, Analyst, Viewer, BiReader];
}
