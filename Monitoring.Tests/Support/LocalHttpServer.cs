using System.Net;
using System.Net.Sockets;

namespace Monitoring.Tests.Support;

/// <summary>
/// A small HTTP file server on 127.0.0.1 for the scheduled pull: serves one file with an ETag and
/// Last-Modified, answers 304 to a matching conditional request, and records what it was asked.
/// </summary>
public sealed class LocalHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly Lock _gate = new();
    private readonly List<RecordedRequest> _requests = [];
    private byte[] _content = [];
    private string _etag = "";
    private DateTimeOffset _lastModified;
    private int _failuresToServe;

    public LocalHttpServer()
    {
        var port = FreePort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(BaseAddress.ToString());
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public Uri BaseAddress { get; }

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
                return _requests.ToList();
        }
    }

    /// <summary>Publishes a new version of the file.</summary>
    public void Publish(byte[] content, DateTimeOffset lastModified)
    {
        lock (_gate)
        {
            _content = content;
            _etag = $"\"v{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content))[..12]}\"";
            _lastModified = new DateTimeOffset(lastModified.UtcDateTime.AddTicks(-(lastModified.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), TimeSpan.Zero);
        }
    }

    /// <summary>The next <paramref name="count"/> requests get a 503.</summary>
    public void FailNext(int count)
    {
        lock (_gate)
            _failuresToServe = count;
    }

    private async Task LoopAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            Serve(context);
        }
    }

    private void Serve(HttpListenerContext context)
    {
        var request = context.Request;
        var response = context.Response;
        lock (_gate)
        {
            var ifNoneMatch = request.Headers["If-None-Match"];
            var ifModifiedSince = request.Headers["If-Modified-Since"];
            int status;
            if (_failuresToServe > 0)
            {
                _failuresToServe--;
                status = 503;
            }
            else if (ifNoneMatch is not null ? ifNoneMatch == _etag
                     : ifModifiedSince is not null && DateTimeOffset.TryParse(ifModifiedSince, out var since) && since >= _lastModified)
            {
                status = 304;
            }
            else
            {
                status = 200;
            }
            _requests.Add(new RecordedRequest(request.Url!.AbsolutePath, ifNoneMatch, ifModifiedSince, status));
            response.StatusCode = status;
            if (status != 503)
            {
                response.Headers["ETag"] = _etag;
                response.Headers["Last-Modified"] = _lastModified.ToString("R");
            }
            if (status == 200)
            {
                response.ContentType = "text/csv";
                response.ContentLength64 = _content.Length;
                response.OutputStream.Write(_content);
            }
            response.Close();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}

public sealed record RecordedRequest(string Path, string? IfNoneMatch, string? IfModifiedSince, int Status);
