namespace Monitoring.Ingest.Import;

/// <summary>A file to import and who asked for it.</summary>
public sealed record ImportRequest(ReadOnlyMemory<byte> Content, string FileName, string Source, string RequestedBy, bool DryRun);

/// <summary>Rows handled so far, for progress bars.</summary>
public sealed record ImportProgress(string Stage, int Done, int Total);
