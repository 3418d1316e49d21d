using System.Globalization;
using CsvHelper;

namespace Monitoring.Api.Http;

/// <summary>
/// How CSV is written: the international default (comma, decimal point) or Danish Excel's
/// (<c>dialect=da</c>: semicolon, decimal comma, UTF-8 with BOM). Both escape cells that a
/// spreadsheet would run as formulas.
/// </summary>
public sealed record CsvDialect(string Name, char Separator, CultureInfo Culture, bool ByteOrderMark)
{
    public static readonly CsvDialect International = new("en", ',', CultureInfo.InvariantCulture, false);
    public static readonly CsvDialect Danish = new("da", ';', CultureInfo.GetCultureInfo("da-DK"), true);

    public static bool TryParse(string? name, out CsvDialect dialect)
    {
        dialect = name?.ToLowerInvariant() switch
        {
            null or "" or "en" or "intl" => International,
            "da" => Danish,
            _ => null!,
        };
        return dialect is not null;
    }

    public CsvWriterOptions WriterOptions() => new()
    {
        Separator = Separator,
        FormatProvider = Culture,
        WriteByteOrderMark = ByteOrderMark,
        Injection = CsvInjection.Escape,
    };
}
