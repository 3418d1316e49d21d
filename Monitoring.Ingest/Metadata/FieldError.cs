namespace Monitoring.Ingest.Metadata;

/// <summary>A problem with one field of a definition, named by its JSON path (<c>goals[0].targets[1].indicator</c>).</summary>
public sealed record FieldError(string Field, string? Value, string Message);
