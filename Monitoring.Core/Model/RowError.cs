using Monitoring.Core.Text;

namespace Monitoring.Core.Model;

/// <summary>
/// What is wrong with one cell of an upload. <see cref="Row"/> is the line in the file as a
/// spreadsheet shows it (the header is row 1), so an analyst can go straight to it.
/// <see cref="Message"/> is Danish (the secretariat's language); <see cref="MessageEn"/> is the same
/// in English, served instead when a client asks for English. The value, and any copy of it in the
/// messages, is cut to about 200 characters (<see cref="Echo"/>): a report never carries a huge cell back.
/// </summary>
public sealed record RowError(int Row, string Column, string? Value, string Message, string MessageEn)
{
    public string? Value { get; init; } = Echo.Truncate(Value);

    public string Message { get; init; } = Echo.InMessage(Message, Value);

    public string MessageEn { get; init; } = Echo.InMessage(MessageEn, Value);

    public string Column { get; init; } = Echo.Truncate(Column)!;
}
