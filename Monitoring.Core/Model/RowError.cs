namespace Monitoring.Core.Model;

/// <summary>
/// What is wrong with one cell of an upload. <see cref="Row"/> is the line in the file as a
/// spreadsheet shows it (the header is row 1), so an analyst can go straight to it.
/// <see cref="Message"/> is Danish (the secretariat's language); <see cref="MessageEn"/> is the same
/// in English, served instead when a client asks for English.
/// </summary>
public sealed record RowError(int Row, string Column, string? Value, string Message, string MessageEn);
