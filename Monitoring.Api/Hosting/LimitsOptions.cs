namespace Monitoring.Api.Hosting;

/// <summary>Bound from <c>Monitoring:Limits</c>: how much one request and one caller may ask of the service.</summary>
public sealed class LimitsOptions
{
    public const string SectionName = "Monitoring:Limits";

    /// <summary>The largest request body (an upload with its multipart framing), in bytes: 200 MB by default.</summary>
    public long MaxUploadBytes { get; set; } = 200L * 1024 * 1024;

    public RateLimitSettings RateLimit { get; set; } = new();
}

/// <summary>
/// Requests per caller: one budget per API key (or signed-in person), else per client address.
/// Generous by default, so a dashboard, a BI refresh or a script never meets it; a runaway loop does.
/// </summary>
public sealed class RateLimitSettings
{
    public bool Enabled { get; set; } = true;

    /// <summary>Requests allowed per caller in each window.</summary>
    public int PermitLimit { get; set; } = 1200;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}
