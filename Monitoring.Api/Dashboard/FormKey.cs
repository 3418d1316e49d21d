using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Dashboard forms carry the API key in a field (there are no browser sessions); the same roles
/// as the API's write policy may write.
/// </summary>
public static class FormKey
{
    public static async Task<ApiKeyHolder?> WriterAsync(ApiKeyStore keys, string? key, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key))
            return null;
        var holder = await keys.FindAsync(key.Trim(), cancellationToken);
        return holder?.Role is Roles.Admin or Roles.Analyst ? holder : null;
    }
}
