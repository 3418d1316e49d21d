using System.Buffers.Text;
using System.Text;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Http;

/// <summary>An opaque page cursor: the last row id (or position) of the previous page, base64url-encoded.</summary>
public static class Cursor
{
    public static string Encode(long lastId) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"id:{lastId}"));

    public static string Encode(ObservationPosition last) => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"at:{last}"));

    public static bool TryDecode(string? cursor, out ObservationPosition last)
    {
        last = ObservationPosition.Start;
        if (string.IsNullOrEmpty(cursor))
            return true;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("at:", StringComparison.Ordinal) && ObservationPosition.TryParse(text[3..], out last);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    public static bool TryDecode(string? cursor, out long lastId)
    {
        lastId = 0;
        if (string.IsNullOrEmpty(cursor))
            return true;
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            return text.StartsWith("id:", StringComparison.Ordinal) && long.TryParse(text[3..], out lastId) && lastId >= 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The URL of the next page: the same request with the cursor replaced.</summary>
    public static string NextLink(HttpRequest request, long lastId) => NextLink(request, Encode(lastId));

    public static string NextLink(HttpRequest request, ObservationPosition last) => NextLink(request, Encode(last));

    private static string NextLink(HttpRequest request, string cursor)
    {
        var query = request.Query
            .Where(q => !q.Key.Equals("cursor", StringComparison.OrdinalIgnoreCase))
            .SelectMany(q => q.Value.Select(v => $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(v ?? "")}"))
            .Append($"cursor={cursor}");
        return PublicUrl.Link(request, $"{request.Path}?{string.Join('&', query)}");
    }
}

/// <summary>A page of a list: the items and, when there may be more, the cursor and link to the next page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor, string? Next);
