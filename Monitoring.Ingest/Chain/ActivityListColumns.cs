using System.Globalization;
using System.Text.RegularExpressions;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// The columns of an activity list, one row per activity, as secretariats keep them in a
/// spreadsheet. Headers are matched without regard to case or surrounding spaces; the Danish name
/// is the one the export writes, the English ones are accepted too:
/// <list type="bullet">
/// <item><c>delaftale</c> (sub-agreement): its title, or its id;</item>
/// <item><c>aktivitet</c> (activity, titel, title): an activity of that sub-agreement with this title is changed, otherwise one is created;</item>
/// <item><c>beskrivelse</c> (description), <c>partner</c> (ansvarlig, responsible), <c>start</c>, <c>slut</c> (end), <c>status</c>;</item>
/// <item><c>indikatorer</c> (indicators): process measures as indicator codes, separated by spaces or commas;</item>
/// <item><c>budget ÅÅÅÅ</c> (planned YYYY) and <c>forbrug ÅÅÅÅ</c> (spent YYYY): the money planned and spent in a year;</item>
/// <item><c>milepæl N</c> (milestone N), <c>frist N</c> (due N) and <c>nået N</c> (done N, ja/nej): the N-th milestone; N may be left out for the first.</item>
/// </list>
/// An optional column the file leaves out keeps what is stored (or is empty for a new activity).
/// </summary>
public static partial class ActivityListColumns
{
    public const string SubAgreement = "delaftale";
    public const string Title = "aktivitet";
    public const string Description = "beskrivelse";
    public const string Partner = "partner";
    public const string Start = "start";
    public const string End = "slut";
    public const string Status = "status";
    public const string Indicators = "indikatorer";

    public static readonly IReadOnlyList<string> Required = [SubAgreement, Title, Partner, Start, End, Status];

    /// <summary>The fixed columns in the order the export writes them.</summary>
    public static readonly IReadOnlyList<string> Fixed = [SubAgreement, Title, Description, Partner, Start, End, Status, Indicators];

    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["delaftale"] = SubAgreement,
        ["sub-agreement"] = SubAgreement,
        ["subagreement"] = SubAgreement,
        ["sub_agreement"] = SubAgreement,
        ["sub agreement"] = SubAgreement,
        ["aktivitet"] = Title,
        ["activity"] = Title,
        ["titel"] = Title,
        ["title"] = Title,
        ["beskrivelse"] = Description,
        ["description"] = Description,
        ["partner"] = Partner,
        ["ansvarlig"] = Partner,
        ["ansvarlig partner"] = Partner,
        ["responsible"] = Partner,
        ["start"] = Start,
        ["startdato"] = Start,
        ["start date"] = Start,
        ["slut"] = End,
        ["slutdato"] = End,
        ["end"] = End,
        ["end date"] = End,
        ["status"] = Status,
        ["indikatorer"] = Indicators,
        ["indikator"] = Indicators,
        ["indicators"] = Indicators,
    };

    /// <summary>What a header names: a fixed column, a budget year's planned or spent amount, or a milestone's part.</summary>
    public static ColumnKind Classify(string header)
    {
        var text = header.Trim().TrimStart('\uFEFF').Trim();
        if (Aliases.TryGetValue(text, out var column))
            return new ColumnKind(column, null);
        if (YearColumn().Match(text) is { Success: true } year)
        {
            var part = year.Groups["kind"].Value.ToLowerInvariant() is "budget" or "planlagt" or "planned" ? Planned : Spent;
            return new ColumnKind(part, int.Parse(year.Groups["year"].Value, CultureInfo.InvariantCulture));
        }
        if (MilestoneColumn().Match(text) is { Success: true } milestone)
        {
            var part = milestone.Groups["kind"].Value.ToLowerInvariant() switch
            {
                "milepæl" or "milepael" or "milestone" => MilestoneTitle,
                "frist" or "due" or "deadline" => MilestoneDue,
                _ => MilestoneDone,
            };
            var number = milestone.Groups["n"].Success ? int.Parse(milestone.Groups["n"].Value, CultureInfo.InvariantCulture) : 1;
            return new ColumnKind(part, number);
        }
        return new ColumnKind(null, null);
    }

    public const string Planned = "budget";
    public const string Spent = "forbrug";
    public const string MilestoneTitle = "milepæl";
    public const string MilestoneDue = "frist";
    public const string MilestoneDone = "nået";

    /// <summary>The header the export writes for a year's or a milestone's part.</summary>
    public static string Numbered(string part, int number) => $"{part} {number.ToString(CultureInfo.InvariantCulture)}";

    [GeneratedRegex(@"^(?<kind>budget|planlagt|planned|forbrug|brugt|spent)[\s_-]*(?<year>\d{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex YearColumn();

    [GeneratedRegex(@"^(?<kind>milepæl|milepael|milestone|frist|due|deadline|nået|naaet|done)[\s_-]*(?<n>\d{1,2})?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex MilestoneColumn();
}

/// <summary>A header as read: the column (null when it is not one of the list's) and the year or milestone number it carries.</summary>
public readonly record struct ColumnKind(string? Column, int? Number);
