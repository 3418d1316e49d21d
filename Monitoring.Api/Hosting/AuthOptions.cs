namespace Monitoring.Api.Hosting;

/// <summary>Bound from <c>Monitoring:Auth</c>.</summary>
public sealed class AuthOptions
{
    public const string SectionName = "Monitoring:Auth";

    /// <summary>Whether reads need no key: true on the embedded default, false on a shared server.</summary>
    public bool AnonymousRead { get; set; } = true;

    /// <summary>Where the first admin key is written, readable by the owner only.</summary>
    public string AdminKeyFile { get; set; } = "data/admin.key";
}
