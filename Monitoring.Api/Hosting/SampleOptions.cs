namespace Monitoring.Api.Hosting;

/// <summary>Bound from <c>Monitoring:Samples</c>.</summary>
public sealed class SampleOptions
{
    public const string SectionName = "Monitoring:Samples";

    /// <summary>Load the sample plans into an empty database at start.</summary>
    public bool LoadWhenEmpty { get; set; } = true;

    /// <summary>The samples folder; found beside the working folder or above the binaries when not set.</summary>
    public string? Folder { get; set; }
}
