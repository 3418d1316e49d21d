using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Files;

namespace Monitoring.Api.Auth;

/// <summary>
/// On first start, creates an admin key and writes it to a file only the owner can read; the
/// console says where the file is, never the key. The database keeps only its hash.
/// </summary>
public sealed class AdminKeyBootstrap(ApiKeyStore keys, IOptions<AuthOptions> options, ILogger<AdminKeyBootstrap> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await keys.AnyWithRoleAsync(Roles.Admin, cancellationToken))
            return;
        var key = await keys.CreateAsync("Administrator", Roles.Admin, cancellationToken: cancellationToken);
        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        // Created with mode 600 and renamed into place, so the key is never readable by others, even briefly.
        await PrivateFile.WriteAtomicallyAsync(path, key + Environment.NewLine, cancellationToken);
        // Where, never what: standard output usually ends in a log that others can read.
        Console.WriteLine($"The first admin API key is in {path} (readable by this user only).");
        logger.LogInformation("Created the first admin API key and wrote it to {Path}", path);
    }
}
