namespace Monitoring.Core.Statistics;

/// <summary>One point of a series: time in fractional years and the value.</summary>
public readonly record struct TimePoint(double T, double Y);
