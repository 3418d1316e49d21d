using CsvHelper;

namespace Monitoring.Api.Http;

/// <summary>
/// Writes a CSV of any length to a response with bounded memory: rows go to a small buffer, which
/// is handed to the response asynchronously whenever the caller calls <see cref="FlushAsync"/>
/// (after each page or group). Kestrel refuses synchronous writes, so CsvHelper never writes to the
/// response itself.
/// </summary>
public sealed class CsvChunkWriter : IAsyncDisposable
{
    private const int FlushAt = 256 * 1024;
    private readonly MemoryStream _buffer = new();
    private readonly Stream _destination;

    public CsvChunkWriter(Stream destination, CsvDialect dialect)
    {
        _destination = destination;
        Writer = CsvWriter.Create(_buffer, dialect.WriterOptions(), leaveOpen: true);
    }

    public CsvWriter Writer { get; }

    /// <summary>Hands what is written so far to the response once the buffer has grown, or always when <paramref name="force"/>.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken, bool force = false)
    {
        await Writer.FlushAsync(cancellationToken);
        if (!force && _buffer.Length < FlushAt)
            return;
        _buffer.Position = 0;
        await _buffer.CopyToAsync(_destination, cancellationToken);
        _buffer.SetLength(0);
    }

    public async ValueTask DisposeAsync()
    {
        await FlushAsync(CancellationToken.None, force: true);
        await Writer.DisposeAsync();
        if (_buffer.Length > 0)
        {
            _buffer.Position = 0;
            await _buffer.CopyToAsync(_destination);
        }
        await _buffer.DisposeAsync();
    }
}
