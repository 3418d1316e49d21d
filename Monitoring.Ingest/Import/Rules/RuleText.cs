using System.Globalization;
using System.Text;
using Monitoring.Core.Model;

namespace Monitoring.Ingest.Import.Rules;

/// <summary>
/// The one way a rule words an error: Danish first, English beside it, and the offending value
/// echoed short and printable, so a 10 MB cell or a NUL byte never comes back whole in a report.
/// </summary>
public static class RuleText
{
    /// <summary>Longest echoed value; enough to recognise a code, short enough for any report.</summary>
    public const int MaxEchoLength = 64;

    public static readonly CultureInfo Danish = CultureInfo.GetCultureInfo("da-DK");

    public static RowError Error(int row, string column, string? value, string danish, string english) =>
        new(row, column, value is null ? null : Echo(value), danish, english);

    /// <summary>The value as a report shows it: control characters as '?', cut at <see cref="MaxEchoLength"/> with an ellipsis.</summary>
    public static string Echo(string value)
    {
        var cut = value.Length > MaxEchoLength ? value[..MaxEchoLength] : value;
        var builder = new StringBuilder(cut.Length + 1);
        foreach (var c in cut)
            builder.Append(char.IsControl(c) ? '?' : c);
        if (value.Length > MaxEchoLength)
            builder.Append('…');
        return builder.ToString();
    }

    /// <summary>A number in Danish form (decimal comma), as messages to the secretariat show it.</summary>
    public static string Da(double value) => value.ToString("0.############", Danish);

    public static string En(double value) => value.ToString("0.############", CultureInfo.InvariantCulture);
}
