namespace Monitoring.Api.Auth;

/// <summary>Bound from <c>Monitoring:Auth:Sessions</c>: browser sessions and personal sign-in links.</summary>
public sealed class SignInSessionOptions
{
    public const string SectionName = "Monitoring:Auth:Sessions";

    /// <summary>A session ends after this long without a request (sliding: each request in the second half renews it).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>How long a personal sign-in link can be opened; it can be used once.</summary>
    public TimeSpan SignInLinkLifetime { get; set; } = TimeSpan.FromHours(24);
}
