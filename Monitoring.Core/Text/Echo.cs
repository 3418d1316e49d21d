namespace Monitoring.Core.Text;

/// <summary>
/// How much of a caller's own value an error repeats back. Enough to find the cell or field; a
/// 10 MB cell is not sent back (three times) in a report.
/// </summary>
public static class Echo
{
    public const int MaxLength = 200;

    /// <summary><paramref name="value"/>, cut to <see cref="MaxLength"/> characters with "…" and the full length when longer.</summary>
    public static string? Truncate(string? value) =>
        value is null || value.Length <= MaxLength
            ? value
            : string.Concat(value.AsSpan(0, MaxLength), $"… ({value.Length:N0} characters)");

    /// <summary><paramref name="message"/> with every copy of a long <paramref name="value"/> replaced by its truncated form, then bounded itself.</summary>
    public static string InMessage(string message, string? value)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (value is not null && value.Length > MaxLength)
            message = message.Replace(value, Truncate(value), StringComparison.Ordinal);
        // Messages are sentences of a few hundred characters; anything longer carries input another way.
        return message.Length <= MaxLength * 4 ? message : string.Concat(message.AsSpan(0, MaxLength * 4), "…");
    }
}
