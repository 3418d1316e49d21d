using System.Text.RegularExpressions;
using Monitoring.Ingest.Files;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The file of a trial import kept for a short while, so the analyst who read the preview can save
/// exactly that file with one click instead of choosing it again. Files live in a private folder
/// beside the background uploads, named by a random id; a preview not confirmed within a day is removed
/// the next time anyone previews a file.
/// </summary>
public sealed partial class ImportPreviewStage(string folder, TimeProvider clock)
{
    private static readonly TimeSpan KeptFor = TimeSpan.FromDays(1);

    /// <summary>Keeps the uploaded file; its id for the confirm form.</summary>
    public async Task<string> KeepAsync(IFormFile file, CancellationToken cancellationToken)
    {
        PrivateFile.CreateFolder(folder);
        RemoveExpired();
        var id = Guid.NewGuid().ToString("N");
        // The folder is the owner's alone (mode 700), so the file inside needs no mode of its own.
        await using (var target = new FileStream(PathOf(id), FileMode.CreateNew, FileAccess.Write))
        {
            await file.CopyToAsync(target, cancellationToken);
        }
        return id;
    }

    /// <summary>The kept file's path, or null when the id is malformed, unknown or expired.</summary>
    public string? Find(string? id)
    {
        if (id is null || !Id().IsMatch(id))
            return null;
        var path = PathOf(id);
        return File.Exists(path) && clock.GetUtcNow() - File.GetLastWriteTimeUtc(path) < KeptFor ? path : null;
    }

    public static void Remove(string path) => File.Delete(path);

    private string PathOf(string id) => Path.Combine(folder, id + ".preview");

    private void RemoveExpired()
    {
        foreach (var path in Directory.EnumerateFiles(folder, "*.preview"))
        {
            if (clock.GetUtcNow() - File.GetLastWriteTimeUtc(path) >= KeptFor)
                File.Delete(path);
        }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex Id();
}
