using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Data.Dialects;

/// <summary>The error for a key given twice in one file, worded once for both dialects.</summary>
internal static class DuplicateRow
{
    public static RowError Error(int row, int firstRow, string indicator, string scope, string period, string subgroup)
    {
        var key = $"{indicator} / {scope} / {period}" + (subgroup.Length > 0 ? $" / {subgroup}" : "");
        return RuleText.Error(row, "period", period,
            $"Dublet af række {firstRow}: {key} står to gange i filen.",
            $"Duplicate of row {firstRow}: {key} appears twice in the file.");
    }
}
