using System.Globalization;
using System.Text;
using CsvHelper;
using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Chain;

/// <summary>
/// Reads an activity list through the observation import's table readers, so encodings (UTF-8,
/// UTF-16, Windows-1252), separators (<c>,</c> or Danish Excel's <c>;</c> with decimal commas) and
/// spreadsheets (.xlsx/.xls, the first sheet or the one named) work alike. Every problem is collected
/// with its row and column (<see cref="ActivityListColumns"/> describes the columns); nothing here
/// knows the plan — <see cref="ActivityListImporter"/> checks the rows against it.
/// </summary>
public static class ActivityListReader
{
    /// <summary>Most rows in one list: the list and the plan's activities are compared in memory.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Longest text kept in a cell (a description); a longer one is a pasting mistake, not a description.</summary>
    public const int MaxTextLength = 4000;

    private static readonly string[] DateFormats = ["yyyy-MM-dd", "dd-MM-yyyy", "d-M-yyyy", "dd.MM.yyyy", "d.M.yyyy", "dd/MM/yyyy", "d/M/yyyy"];

    public static ActivityListFile Read(Stream raw, ImportOptions options)
    {
        var sniffed = EncodingSniffer.Sniff(raw, options.Encoding);
        if (sniffed.Problem is not null || sniffed.Kind is ContentKind.Empty or ContentKind.Binary)
        {
            return Failed(sniffed.Kind == ContentKind.Empty
                ? RuleText.Error(1, "*", null, "Filen er tom.", "The file is empty.")
                : RuleText.Error(1, "*", null,
                    "Filen kan ikke læses som CSV eller regneark (ukendt tegnsæt eller binære data).",
                    "The file is not readable as CSV or a spreadsheet (unknown encoding or binary data)."));
        }
        try
        {
            using var text = sniffed.Utf8;
            // A date cell is read to the day: an activity starts and ends on a date, not in a month.
            using ITableReader table = sniffed.Kind == ContentKind.Text ? new CsvTableReader(text) : new SpreadsheetReader(text, options.Sheet, "yyyy-MM-dd");
            var kind = sniffed.Kind switch { ContentKind.Xlsx => "xlsx", ContentKind.Xls => "xls", _ => "csv" };
            var format = string.Join("; ", new[] { kind, sniffed.EncodingName, table.Dialect }.Where(p => p.Length > 0));
            return ReadTable(table, format, spreadsheet: sniffed.Kind != ContentKind.Text);
        }
        catch (CsvFormatException ex)
        {
            return Failed(RuleText.Error((int)Math.Max(ex.LineNumber, 1), "*", null,
                $"Filen kan ikke læses som CSV: {ex.Message}", $"The file is not readable as CSV: {ex.Message}"));
        }
        catch (DecoderFallbackException)
        {
            return Failed(RuleText.Error(1, "*", null,
                "Filen er ikke gyldig UTF-8 længere nede; gem den som UTF-8, eller vælg tegnsættet (encoding=windows-1252).",
                "The file is not valid UTF-8 further down; save it as UTF-8 or choose its encoding (encoding=windows-1252)."));
        }
    }

    private static ActivityListFile ReadTable(ITableReader table, string format, bool spreadsheet)
    {
        var errors = new List<RowError>(table.TableErrors);
        var layout = new Layout(table.Headers, errors);
        if (errors.Count > 0)
            return new ActivityListFile([], 0, errors, format, layout.HeaderOf, layout.Ignored);

        var rows = new List<ActivityListRow>();
        var read = 0;
        foreach (var row in table.Rows(errors))
        {
            if (++read > MaxRows)
            {
                errors.Add(RuleText.Error(row.Row, "*", null, $"Listen har mere end {MaxRows} aktiviteter; del den op.",
                    $"The list has more than {MaxRows} activities; split it."));
                break;
            }
            if (new RowParser(row, layout, table.NumberCulture, spreadsheet, errors).Parse() is { } parsed)
                rows.Add(parsed);
        }
        if (errors.Count == 0 && read == 0)
            errors.Add(RuleText.Error(2, "*", null, "Filen har en overskrift, men ingen aktiviteter.", "The file has a header but no activities."));
        return new ActivityListFile(rows, Math.Min(read, MaxRows), errors, format, layout.HeaderOf, layout.Ignored);
    }

    private static ActivityListFile Failed(RowError error) => new([], 0, [error], "", new Dictionary<string, string>(), []);

    /// <summary>Where each column is in the file; problems with the header are reported against row 1.</summary>
    private sealed class Layout
    {
        public Layout(IReadOnlyList<string> headers, List<RowError> errors)
        {
            for (var i = 0; i < headers.Count; i++)
            {
                var header = headers[i].Trim().TrimStart('\uFEFF').Trim();
                var kind = ActivityListColumns.Classify(header);
                var key = kind switch
                {
                    { Column: null } => null,
                    { Number: null } => kind.Column,
                    _ => ActivityListColumns.Numbered(kind.Column, kind.Number.Value),
                };
                if (key is null)
                {
                    if (header.Length > 0)
                        Ignored.Add(header);
                    continue;
                }
                if (Index.TryGetValue(key, out var first))
                {
                    errors.Add(RuleText.Error(1, header, header,
                        $"Kolonne {first + 1} ('{RuleText.Echo(headers[first].Trim())}') og kolonne {i + 1} er begge '{key}'; fjern den ene.",
                        $"Column {first + 1} ('{RuleText.Echo(headers[first].Trim())}') and column {i + 1} are both '{key}'; remove one of them."));
                    continue;
                }
                Index[key] = i;
                HeaderOf[key] = header;
                if (kind.Column is ActivityListColumns.Planned or ActivityListColumns.Spent)
                    Years.Add(kind.Number!.Value);
                else if (kind.Number is { } n)
                    MilestoneNumbers.Add(n);
            }
            foreach (var column in ActivityListColumns.Required.Where(c => !Index.ContainsKey(c)))
            {
                errors.Add(RuleText.Error(1, column, null,
                    $"Kolonnen '{column}' mangler. Overskriften skal nævne {string.Join(", ", ActivityListColumns.Required)}.",
                    $"Missing column '{column}'. The header must name {string.Join(", ", ActivityListColumns.Required)} (English names such as activity, partner, end work too)."));
            }
            foreach (var n in MilestoneNumbers)
            {
                var title = ActivityListColumns.Numbered(ActivityListColumns.MilestoneTitle, n);
                var due = ActivityListColumns.Numbered(ActivityListColumns.MilestoneDue, n);
                if (!Index.ContainsKey(title) || !Index.ContainsKey(due))
                {
                    var missing = Index.ContainsKey(title) ? due : title;
                    errors.Add(RuleText.Error(1, missing, null,
                        $"Kolonnen '{missing}' mangler: en milepæl skrives som 'milepæl {n}' og 'frist {n}' (og evt. 'nået {n}').",
                        $"Missing column '{missing}': a milestone is written as 'milepæl {n}' and 'frist {n}' (optionally 'nået {n}')."));
                }
            }
        }

        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, string> HeaderOf { get; } = new(StringComparer.Ordinal);

        public SortedSet<int> Years { get; } = [];

        public SortedSet<int> MilestoneNumbers { get; } = [];

        public List<string> Ignored { get; } = [];
    }

    /// <summary>One row's cells turned into values, each bad cell an error naming the row and the file's header.</summary>
    private sealed class RowParser(TableRow row, Layout layout, CultureInfo numberCulture, bool spreadsheet, List<RowError> errors)
    {
        private readonly int _before = errors.Count;

        public ActivityListRow? Parse()
        {
            var subAgreement = Required(ActivityListColumns.SubAgreement);
            var title = Required(ActivityListColumns.Title);
            var hasDescription = layout.Index.ContainsKey(ActivityListColumns.Description);
            var description = Text(ActivityListColumns.Description);
            var partner = Required(ActivityListColumns.Partner);
            var start = Date(ActivityListColumns.Start, required: true);
            var end = Date(ActivityListColumns.End, required: true);
            if (start is { } s && end is { } e && s > e)
            {
                Error(ActivityListColumns.End, Cell(ActivityListColumns.End), "Slutdatoen ligger før startdatoen.", "The end is before the start.");
            }
            var statusText = Cell(ActivityListColumns.Status);
            var status = ActivityStatus.Normalise(statusText);
            if (status is null)
            {
                Error(ActivityListColumns.Status, statusText,
                    "Status skal være planlagt, i gang, forsinket, afsluttet eller stoppet.",
                    "Status must be planlagt, i gang (i_gang), forsinket, afsluttet or stoppet.");
            }
            IReadOnlyList<string>? indicators = layout.Index.ContainsKey(ActivityListColumns.Indicators)
                ? Cell(ActivityListColumns.Indicators).Split([' ', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                : null;
            var budget = layout.Years.Select(y => new BudgetCell(y,
                Amount(ActivityListColumns.Numbered(ActivityListColumns.Planned, y)),
                Amount(ActivityListColumns.Numbered(ActivityListColumns.Spent, y)))).ToList();
            var milestones = layout.MilestoneNumbers.Count == 0 ? null : Milestones();
            if (errors.Count > _before)
                return null;
            return new ActivityListRow(row.Row, subAgreement, title, hasDescription, description.Length == 0 ? null : description,
                partner, start!.Value, end!.Value, status!, indicators, budget, milestones);
        }

        private List<MilestoneCell> Milestones()
        {
            var milestones = new List<MilestoneCell>();
            foreach (var n in layout.MilestoneNumbers)
            {
                var titleColumn = ActivityListColumns.Numbered(ActivityListColumns.MilestoneTitle, n);
                var dueColumn = ActivityListColumns.Numbered(ActivityListColumns.MilestoneDue, n);
                var doneColumn = ActivityListColumns.Numbered(ActivityListColumns.MilestoneDone, n);
                var title = Text(titleColumn);
                var dueText = Cell(dueColumn);
                var doneText = Cell(doneColumn);
                if (title.Length == 0 && dueText.Length == 0 && doneText.Length == 0)
                    continue;
                if (title.Length == 0)
                    Error(titleColumn, title, "Milepælen skal have en titel.", "A milestone needs a title.");
                var due = Date(dueColumn, required: true);
                var done = Done(doneColumn, doneText);
                if (title.Length > 0 && due is { } d)
                    milestones.Add(new MilestoneCell(title, d, layout.Index.ContainsKey(doneColumn) ? done : null));
            }
            return milestones;
        }

        private bool Done(string column, string text)
        {
            switch (text.ToLowerInvariant())
            {
                case "ja" or "x" or "yes" or "true" or "1" or "nået" or "naaet":
                    return true;
                case "" or "nej" or "no" or "false" or "0":
                    return false;
                default:
                    Error(column, text, "Skriv ja eller nej (eller lad feltet stå tomt).", "Write ja (yes) or nej (no), or leave the field empty.");
                    return false;
            }
        }

        private decimal? Amount(string column)
        {
            var text = Cell(column);
            if (text.Length == 0 || !layout.Index.ContainsKey(column))
                return null;
            var plain = ValueText.Plain(text, numberCulture, percentAllowed: false).Replace(" ", "", StringComparison.Ordinal);
            if (!decimal.TryParse(plain, NumberStyles.Float, numberCulture, out var amount))
            {
                Error(column, text, "Ikke et beløb (fx 250000 eller 250.000,50).", "Not an amount (e.g. 250000, or 250.000,50 in a Danish file).");
                return null;
            }
            if (amount < 0)
                Error(column, text, "Beløb kan ikke være negative.", "Amounts cannot be negative.");
            return amount;
        }

        private DateOnly? Date(string column, bool required)
        {
            var text = Cell(column);
            if (text.Length == 0)
            {
                if (required)
                    Error(column, text, "Feltet skal udfyldes med en dato.", "The field needs a date.");
                return null;
            }
            if (DateOnly.TryParseExact(text, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            // A date cell formatted as a number shows its serial (days since 1900); taken only from a spreadsheet.
            if (spreadsheet && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) && serial is >= 20_000 and <= 80_000)
                return DateOnly.FromDateTime(DateTime.FromOADate(serial));
            Error(column, text, "Ikke en dato (åååå-mm-dd, dd-mm-åååå eller dd.mm.åååå).", "Not a date (yyyy-MM-dd, dd-MM-yyyy or dd.MM.yyyy).");
            return null;
        }

        private string Required(string column)
        {
            var text = Text(column);
            if (text.Length == 0)
                Error(column, text, "Feltet skal udfyldes.", "The field is required.");
            return text;
        }

        /// <summary>A cell of free text as it will be stored: no control characters (PostgreSQL refuses a NUL), not too long.</summary>
        private string Text(string column)
        {
            var text = Cell(column);
            if (text.Length > MaxTextLength)
            {
                Error(column, text, $"Teksten er på {text.Length} tegn; højst {MaxTextLength} gemmes.", $"The text has {text.Length} characters; at most {MaxTextLength} are stored.");
            }
            else if (text.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            {
                Error(column, text, "Teksten indeholder kontroltegn.", "The text contains control characters.");
            }
            return text;
        }

        /// <summary>
        /// The cell's text; empty when the file has no such column. A leading apostrophe before a
        /// formula character is taken off: the export writes it so Excel shows such a cell as text.
        /// </summary>
        private string Cell(string column)
        {
            if (!layout.Index.TryGetValue(column, out var index) || index >= row.Fields.Count)
                return "";
            var text = row.Fields[index].Trim();
            return text.Length > 1 && text[0] == '\'' && text[1] is '=' or '+' or '-' or '@' ? text[1..] : text;
        }

        private void Error(string column, string? value, string danish, string english) =>
            errors.Add(RuleText.Error(row.Row, layout.HeaderOf.GetValueOrDefault(column, column), value, danish, english));
    }
}
