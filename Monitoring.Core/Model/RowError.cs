namespace Monitoring.Core.Model;

/// <summary>
/// What is wrong with one cell of an upload. <see cref="Row"/> is the line in the file as a
/// spreadsheet shows it (the header is row 1), so an analyst can go straight to it.
/// </summary>
public sealed record RowError(int Row, string Column, string? Value, string Message);
