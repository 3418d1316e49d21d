using Microsoft.Extensions.Options;
using Monitoring.Api.Hosting;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Auth;

/// <summary>
/// On first start, creates an admin key, prints it once and writes it to a file only the owner
/// can read; the database keeps only its hash.
/// </summary>
public sealed class AdminKeyBootstrap(ApiKeyStore keys, IOptions<AuthOptions> options, ILogger<AdminKeyBootstrap> logger)
{
    public async Task EnsureAsync(CancellationToken cancellationToken = default)
    {
        if (await keys.AnyWithRoleAsync(Roles.Admin, cancellationToken))
            return;
        var key = await keys.CreateAsync("first admin", Roles.Admin, cancellationToken: cancellationToken);
        var path = Path.GetFullPath(options.Value.AdminKeyFile);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, key + Environment.NewLine, cancellationToken);
        if (!OperatingSystem.IsWindows())
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        // Printed once on purpose: this is the operator's only chance to see it besides the file.
        Console.WriteLine($"Admin API key (shown once, also in {path}): {key}");
        logger.LogInformation("Created the first admin API key and wrote it to {Path}", path);
    }
}
