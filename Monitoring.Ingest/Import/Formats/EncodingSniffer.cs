using System.Text;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>What the first bytes of a file say it is.</summary>
public enum ContentKind
{
    Empty,
    Text,
    Binary,
    Xlsx,
    Xls,
}

/// <summary>A file's content as UTF-8 text, with the encoding it was read in.</summary>
public sealed record SniffedContent(ContentKind Kind, string EncodingName, Stream Utf8, string? Problem = null);

/// <summary>
/// Decides a text file's encoding from a prefix, while the file streams: a byte order mark
/// (UTF-8, UTF-16 LE/BE) wins; otherwise a prefix that is valid UTF-8 is read as UTF-8 and any
/// other as Windows-1252 (what Danish Excel writes). The decision is made once: a file whose
/// first <see cref="PrefixBytes"/> are valid UTF-8 but whose later bytes are not is read as
/// UTF-8 strictly, so the bad bytes stop the import with an error naming the override
/// (<c>encoding=windows-1252</c>) instead of being stored as U+FFFD. Everything is handed on
/// re-encoded as UTF-8, the one encoding the CSV reader is given.
/// </summary>
public static class EncodingSniffer
{
    /// <summary>How much of the start decides the encoding: enough for many thousand rows, small enough to hold.</summary>
    public const int PrefixBytes = 1 << 20;

    public const string Windows1252 = "windows-1252";

    static EncodingSniffer() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    /// <summary>Reads the prefix of <paramref name="raw"/> and returns the whole content, decoded.</summary>
    /// <param name="encodingOverride">An encoding name the analyst chose (utf-8, utf-16, windows-1252, …), or null to detect.</param>
    public static SniffedContent Sniff(Stream raw, string? encodingOverride)
    {
        var prefix = new byte[PrefixBytes];
        var length = 0;
        int read;
        while (length < prefix.Length && (read = raw.Read(prefix, length, prefix.Length - length)) > 0)
            length += read;
        var head = prefix.AsSpan(0, length);
        var whole = new PrefixedStream(prefix.AsMemory(0, length), raw);
        if (length == 0)
            return new SniffedContent(ContentKind.Empty, "", whole);
        if (head.StartsWith((ReadOnlySpan<byte>)[0x50, 0x4B, 0x03, 0x04]))
            return new SniffedContent(ContentKind.Xlsx, "", whole);
        if (head.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return new SniffedContent(ContentKind.Xls, "", whole);

        var (bom, fromBom) = Bom(head);
        Encoding encoding;
        string name;
        if (encodingOverride is { Length: > 0 })
        {
            if (Named(encodingOverride) is not { } chosen)
                return new SniffedContent(ContentKind.Text, encodingOverride, whole, $"unknown encoding '{encodingOverride}'");
            (encoding, name) = (chosen, encodingOverride.ToLowerInvariant());
            // A BOM of the chosen encoding is still not content.
            if (fromBom is not null && fromBom.CodePage != chosen.CodePage)
                bom = 0;
        }
        else if (fromBom is not null)
        {
            (encoding, name) = (fromBom, fromBom.CodePage == 65001 ? "utf-8 (bom)" : fromBom.WebName + " (bom)");
        }
        else if (LooksBinary(head))
        {
            return new SniffedContent(ContentKind.Binary, "", whole);
        }
        else if (IsUtf8Prefix(head, complete: length < PrefixBytes))
        {
            (encoding, name) = (StrictUtf8, "utf-8");
        }
        else
        {
            (encoding, name) = (Encoding.GetEncoding(1252), Windows1252);
        }

        var text = new PrefixedStream(prefix.AsMemory(bom, length - bom), raw);
        Stream utf8 = encoding.CodePage == 65001
            ? Encoding.CreateTranscodingStream(text, StrictUtf8, Encoding.UTF8, leaveOpen: true)
            : Encoding.CreateTranscodingStream(text, encoding, Encoding.UTF8, leaveOpen: true);
        return new SniffedContent(ContentKind.Text, name, utf8);
    }

    /// <summary>UTF-8 that throws on invalid bytes rather than substituting U+FFFD.</summary>
    public static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static Encoding? Named(string name)
    {
        try
        {
            var encoding = Encoding.GetEncoding(name.Trim());
            // Decoding must fail loudly, never substitute: UTF-8 strict; the others map every byte or throw.
            return encoding.CodePage == 65001
                ? StrictUtf8
                : Encoding.GetEncoding(encoding.CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static (int Length, Encoding? Encoding) Bom(ReadOnlySpan<byte> head) => head switch
    {
        [0xEF, 0xBB, 0xBF, ..] => (3, StrictUtf8),
        [0xFF, 0xFE, ..] => (2, new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true)),
        [0xFE, 0xFF, ..] => (2, new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true)),
        _ => (0, null),
    };

    /// <summary>
    /// Many control bytes (NUL and the like) never occur in a text table; UTF-16 without a BOM looks
    /// like this too and is not accepted without the <c>encoding</c> option. A stray one in a cell is
    /// text, and the rules refuse that cell by row and column.
    /// </summary>
    private static bool LooksBinary(ReadOnlySpan<byte> head)
    {
        var sample = head[..Math.Min(head.Length, 8192)];
        var control = 0;
        foreach (var b in sample)
        {
            if (b < 0x09 || b is > 0x0D and < 0x20 or 0x7F)
                control++;
        }
        return control > Math.Max(8, sample.Length / 50);
    }

    /// <summary>Whether the prefix is valid UTF-8; a sequence cut off by the prefix's end does not count against it.</summary>
    private static bool IsUtf8Prefix(ReadOnlySpan<byte> head, bool complete)
    {
        if (System.Text.Unicode.Utf8.IsValid(head))
            return true;
        if (complete)
            return false;
        // At most 3 bytes of a 4-byte sequence can be cut off at the end.
        for (var cut = 1; cut <= 3 && cut < head.Length; cut++)
        {
            if (System.Text.Unicode.Utf8.IsValid(head[..^cut]))
                return true;
        }
        return false;
    }
}
