using Monitoring.Core.Suppression;

namespace Monitoring.Ingest.Data;

/// <summary>Bound from <c>Monitoring:Suppression</c>: the fewest persons a shown value may rest on.</summary>
public sealed class SuppressionOptions
{
    public const string SectionName = "Monitoring:Suppression";

    public int MinCount { get; set; } = SmallNumberSuppression.DefaultMinCount;
}
