using Monitoring.Core.Text;

namespace Monitoring.Ingest.Metadata;

/// <summary>
/// A problem with one field of a definition, named by its JSON path (<c>goals[0].targets[1].indicator</c>).
/// <see cref="Message"/> is Danish; <see cref="MessageEn"/> the same in English, served when a client asks for it.
/// The value, and any copy of it in the messages, is cut to about 200 characters (<see cref="Echo"/>).
/// </summary>
public sealed record FieldError(string Field, string? Value, string Message, string MessageEn)
{
    public string? Value { get; init; } = Echo.Truncate(Value);

    public string Message { get; init; } = Echo.InMessage(Message, Value);

    public string MessageEn { get; init; } = Echo.InMessage(MessageEn, Value);
}
