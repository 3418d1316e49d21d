using System.Text;

namespace Monitoring.Tests.Support;

/// <summary>Builds upload content from lines, as an analyst's file would hold them.</summary>
public static class Csv
{
    public const string Header = "indicator,area,period,value,numerator,denominator,subgroup";

    public static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join("\n", lines) + "\n");

    public static byte[] WithHeader(params string[] rows) => Lines([Header, .. rows]);
}
