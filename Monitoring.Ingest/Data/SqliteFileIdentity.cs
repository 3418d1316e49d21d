using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Which file the embedded database is: its device and inode, taken when the service starts. If
/// the file is later replaced (restored from a copy, moved away, deleted), pooled connections still
/// hold the old, unlinked file and writes would land where nobody looks. Readiness compares the
/// identity again; on a change the pools are cleared (new connections open the file now at the
/// path) and readiness fails until a restart re-reads everything from the new file.
/// </summary>
public sealed class SqliteFileIdentity
{
    private readonly string? _path;
    private FileId? _atStart;
    private int _poolsCleared;

    public SqliteFileIdentity(MonitoringDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        if (database.Provider != DatabaseProvider.Sqlite)
            return;
        var builder = new SqliteConnectionStringBuilder(database.ConnectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource is { Length: > 0 } source && source != ":memory:")
            _path = Path.GetFullPath(source);
    }

    /// <summary>Whether there is a file to watch (SQLite on disk, on a system where its identity can be read).</summary>
    public bool Applies => _path is not null && _atStart is not null;

    /// <summary>Takes the identity of the file as it is now; called once the schema is in place.</summary>
    public void Record()
    {
        if (_path is not null)
            _atStart = FileId.Of(_path);
    }

    /// <summary>Null while the file is the one recorded at start; else what changed. Clears the pools the first time.</summary>
    public string? Change()
    {
        if (_path is null || _atStart is null)
            return null;
        var now = FileId.Of(_path);
        if (now == _atStart)
            return null;
        if (Interlocked.Exchange(ref _poolsCleared, 1) == 0)
            SqliteConnection.ClearAllPools();
        return now is null
            ? $"the database file {_path} is gone"
            : $"the database file {_path} was replaced after the service started (restart the service to use the new file)";
    }

    private sealed record FileId(ulong Device, ulong Inode)
    {
        // glibc's stat(2) wrapper; on x86-64 and arm64 struct stat starts with st_dev then st_ino, both 64-bit.
        [DllImport("libc", EntryPoint = "stat", SetLastError = true)]
        private static extern int Stat(byte[] path, byte[] buffer);

        public static FileId? Of(string path)
        {
            if (!OperatingSystem.IsLinux() || !File.Exists(path))
                return null;
            try
            {
                var buffer = new byte[256];
                // The path as the C library wants it: UTF-8, ending in NUL.
                if (Stat(System.Text.Encoding.UTF8.GetBytes(path + "\0"), buffer) != 0)
                    return null;
                return new FileId(BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8));
            }
            catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
            {
                // An older C library without the stat symbol: identity is not watched there.
                return null;
            }
        }
    }
}
