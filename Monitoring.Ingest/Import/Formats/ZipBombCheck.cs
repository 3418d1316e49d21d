using System.Globalization;
using System.IO.Compression;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Import.Formats;

/// <summary>
/// Refuses an <c>.xlsx</c> whose parts would unpack to far more than the file, before ExcelDataReader opens it:
/// the reader keeps the shared strings in memory, so a 3 MB upload whose <c>xl/sharedStrings.xml</c> unpacks to
/// 1.5 GB took the service from 258 MB to 3.2 GB. The check reads only the zip's central directory (the sizes
/// each entry declares), so it costs nothing on an honest file. Declared sizes can lie; the limits still stop
/// the files that declare what they are, which is what a zip tool or a careless export makes.
/// </summary>
public static class ZipBombCheck
{
    /// <summary>No part of an honest workbook unpacks to more than this (a sheet of a million rows is a few hundred MB).</summary>
    public const long MaxEntryBytes = 1L << 30;

    /// <summary>The shared strings are held in memory whole, so they get a tighter bound.</summary>
    public const long MaxSharedStringsBytes = 256L << 20;

    /// <summary>Spreadsheet XML compresses 5–30 times; a part that shrinks more than this is a bomb, not data.</summary>
    public const int MaxRatio = 100;

    /// <summary>Below this a part's ratio is not judged: a tiny repetitive styles.xml may compress very well and harms nothing.</summary>
    public const long RatioFloorBytes = 1L << 20;

    /// <summary>An error naming the first entry over a limit, or null. The stream is left at position 0.</summary>
    public static RowError? Check(Stream workbook)
    {
        ArgumentNullException.ThrowIfNull(workbook);
        Span<byte> magic = stackalloc byte[4];
        workbook.Position = 0;
        var isZip = workbook.ReadAtLeast(magic, 4, throwOnEndOfStream: false) == 4 && magic.SequenceEqual("PK\u0003\u0004"u8);
        workbook.Position = 0;
        if (!isZip)
            return null; // an .xls (OLE) or not a workbook: ExcelDataReader says what it is
        try
        {
            using var zip = new ZipArchive(workbook, ZipArchiveMode.Read, leaveOpen: true);
            long total = 0;
            foreach (var entry in zip.Entries)
            {
                total += entry.Length;
                var ratio = entry.Length / (double)Math.Max(1, entry.CompressedLength);
                var shared = entry.FullName.EndsWith("sharedStrings.xml", StringComparison.OrdinalIgnoreCase);
                var limit = shared ? MaxSharedStringsBytes : MaxEntryBytes;
                if (entry.Length > limit)
                    return Refused(entry.FullName, $"fylder {SizeDa(entry.Length)} udpakket; grænsen er {SizeDa(limit)}",
                        $"unpacks to {Size(entry.Length)}; the limit is {Size(limit)}");
                if (entry.Length > RatioFloorBytes && ratio > MaxRatio)
                    return Refused(entry.FullName,
                        $"pakkes ud fra {SizeDa(entry.CompressedLength)} til {SizeDa(entry.Length)} ({ratio.ToString("0", CultureInfo.InvariantCulture)} gange); grænsen er {MaxRatio} gange",
                        $"unpacks from {Size(entry.CompressedLength)} to {Size(entry.Length)} ({ratio.ToString("0", CultureInfo.InvariantCulture)} times); the limit is {MaxRatio} times");
                if (total > MaxEntryBytes)
                    return Refused(entry.FullName, $"bringer regnearket op på {SizeDa(total)} udpakket; grænsen er {SizeDa(MaxEntryBytes)}",
                        $"brings the workbook to {Size(total)} unpacked; the limit is {Size(MaxEntryBytes)}");
            }
            return null;
        }
        catch (InvalidDataException)
        {
            return null; // a broken zip: ExcelDataReader reports it as unreadable
        }
        finally
        {
            workbook.Position = 0;
        }
    }

    private static RowError Refused(string entry, string danish, string english) =>
        RuleText.Error(1, "*", entry,
            $"Regnearket afvises: delen '{RuleText.Echo(entry)}' {danish}. Det ligner en zip-bombe; gem arket igen fra Excel, eller send det som CSV.",
            $"The spreadsheet is refused: its part '{RuleText.Echo(entry)}' {english}. It looks like a zip bomb; save the sheet again from Excel or send it as CSV.");

    private static string SizeDa(long bytes) => Size(bytes).Replace('.', ',');

    private static string Size(long bytes) =>
        bytes >= 1L << 30 ? (bytes / (double)(1L << 30)).ToString("0.0", CultureInfo.InvariantCulture) + " GB"
        : bytes >= 1L << 20 ? (bytes / (double)(1L << 20)).ToString("0.0", CultureInfo.InvariantCulture) + " MB"
        : (bytes / 1024.0).ToString("0.0", CultureInfo.InvariantCulture) + " KB";
}
