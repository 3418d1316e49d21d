namespace Monitoring.Ingest.Metadata;

/// <summary>
/// A problem with one field of a definition, named by its JSON path (<c>goals[0].targets[1].indicator</c>).
/// <see cref="Message"/> is Danish; <see cref="MessageEn"/> the same in English, served when a client asks for it.
/// </summary>
public sealed record FieldError(string Field, string? Value, string Message, string MessageEn);
