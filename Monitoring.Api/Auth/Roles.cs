namespace Monitoring.Api.Auth;

/// <summary>The roles an API key can carry. Viewers may later be scoped to plans (the key's plan scope).</summary>
public static class Roles
{
    public const string Admin = "admin";
    public const string Analyst = "analyst";
    public const string Viewer = "viewer";
    public const string BiReader = "bi";

    public static readonly string[] All = [Admin, Analyst, Viewer, BiReader];
}
