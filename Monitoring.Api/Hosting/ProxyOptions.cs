using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using IPNetwork = System.Net.IPNetwork;

namespace Monitoring.Api.Hosting;

/// <summary>
/// Bound from <c>Monitoring:Proxy</c>: the reverse proxies (TLS terminators, load balancers) whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Off by default, and then nothing
/// reads those headers: anyone can send them, so they are taken only from an address listed here.
/// With a proxy listed, a request it forwarded over HTTPS counts as HTTPS (Secure session cookie,
/// https OpenID Connect redirect URI) and the rate limiter sees the client's address, not the proxy's.
/// </summary>
public sealed class ProxyOptions
{
    public const string SectionName = "Monitoring:Proxy";

    /// <summary>Addresses of trusted proxies, e.g. <c>10.0.0.5</c>.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks of trusted proxies in CIDR notation, e.g. <c>10.0.0.0/24</c>.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    public bool Enabled => KnownProxies.Count > 0 || KnownNetworks.Count > 0;

    /// <summary>The first entry that is not an address or a network; null when all are.</summary>
    public string? Invalid() =>
        KnownProxies.FirstOrDefault(p => !IPAddress.TryParse(p, out _)) is { } proxy ? $"{SectionName}:KnownProxies '{proxy}' is not an IP address."
        : KnownNetworks.FirstOrDefault(n => !IPNetwork.TryParse(n, out _)) is { } network ? $"{SectionName}:KnownNetworks '{network}' is not a network in CIDR notation (e.g. 10.0.0.0/24)."
        : null;

    public static void Configure(ForwardedHeadersOptions options, ProxyOptions proxies)
    {
        // Host is not taken from the proxy: links come from Monitoring:PublicUrl and AllowedHosts checks the Host header.
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        // The defaults trust loopback; only what the operator listed is trusted.
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var proxy in proxies.KnownProxies)
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        foreach (var network in proxies.KnownNetworks)
            options.KnownIPNetworks.Add(IPNetwork.Parse(network));
    }
}
