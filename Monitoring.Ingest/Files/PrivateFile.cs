using System.Text;

namespace Monitoring.Ingest.Files;

/// <summary>
/// Files and folders only the service's own user may read: secrets and the embedded database.
/// Modes are set when the thing is created, so there is never a moment when it is readable by others.
/// </summary>
public static class PrivateFile
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates <paramref name="folder"/> (and missing parents) with mode 700; an existing folder is left as it is.</summary>
    public static void CreateFolder(string folder)
    {
        if (Directory.Exists(folder))
            return;
        if (OperatingSystem.IsWindows())
            Directory.CreateDirectory(folder);
        else
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
    }

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> atomically: a temporary file created
    /// with mode 600 beside it, then renamed over the target.
    /// </summary>
    public static async Task WriteAtomicallyAsync(string path, string text, CancellationToken cancellationToken = default)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        CreateFolder(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = Create(temporary))
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <summary>Creates an empty file with mode 600 if there is none, so the program that fills it later inherits the mode.</summary>
    public static void CreateEmptyIfMissing(string path)
    {
        if (File.Exists(path))
            return;
        try
        {
            using var stream = Create(path);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Created by another process at the same moment: it is that one's mode now.
        }
    }

    private static FileStream Create(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = OwnerReadWrite;
        return new FileStream(path, options);
    }
}
