using Monitoring.Core.Periods;

namespace Monitoring.Api.Http;

/// <summary>A period given in the query string (<c>from</c>, <c>to</c>, <c>asOf</c>): absent, valid, or a problem naming it.</summary>
public static class PeriodParameter
{
    public static bool TryParse(string name, string? text, out Period? period, out IResult? problem)
    {
        period = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
            return true;
        if (Period.TryParse(text, out var parsed))
        {
            period = parsed;
            return true;
        }
        problem = Problems.BadParameter(name, text, "Not a period; use 2023, 2023H1, 2023Q2 (or 2023K2) or 2023-05.");
        return false;
    }
}
