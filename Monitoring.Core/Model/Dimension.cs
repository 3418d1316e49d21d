namespace Monitoring.Core.Model;

/// <summary>
/// A subgroup dimension (<c>koen</c>, <c>alder</c>) with the values an observation's subgroup
/// <c>dimension:value</c> may take; codes are stored in lower case, so matching ignores case.
/// </summary>
public sealed record Dimension(string Code, string Label, IReadOnlyList<DimensionValue> Values);

/// <summary>One allowed value of a dimension, with the Danish label shown for it (<c>kvinde</c> "Kvinder").</summary>
public sealed record DimensionValue(string Code, string Label);
