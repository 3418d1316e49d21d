using System.Text;
using CsvHelper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Import;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Import.Rules;

namespace Monitoring.Ingest.Surveys;

/// <summary>
/// Reads a respondent file through the same table readers as observation files (so encodings,
/// semicolons and spreadsheets work alike): one row per respondent with an id, the area (code or
/// unambiguous name), the wave, the definition's attribute columns and one column per question.
/// Every problem is collected with its row and column; a file with any problem is not stored.
/// </summary>
public static class RespondentFileReader
{
    /// <summary>Most respondents in one file: surveys are kept in memory while they are aggregated.</summary>
    public const int MaxRespondents = 500_000;

    private static readonly string[] IdHeaders = ["respondent", "respondent_id", "respondentid", "id", "løbenummer", "loebenummer", "løbenr", "svarperson"];
    private static readonly string[] AreaHeaders = ["area", "område", "omraade", "boligområde", "boligomraade"];
    private static readonly string[] WaveHeaders = ["wave", "bølge", "boelge", "runde", "period", "periode", "år", "aar"];

    public static RespondentFile Read(Stream raw, ImportOptions options, SurveyDefinition definition, ImportCatalog catalog)
    {
        var sniffed = EncodingSniffer.Sniff(raw, options.Encoding);
        if (sniffed.Problem is not null || sniffed.Kind is ContentKind.Empty or ContentKind.Binary)
        {
            return Failed(RuleText.Error(1, "*", null,
                sniffed.Kind == ContentKind.Empty ? "Filen er tom." : "Filen kan ikke læses som CSV eller regneark (ukendt tegnsæt eller binære data).",
                sniffed.Kind == ContentKind.Empty ? "The file is empty." : "The file is not readable as CSV or a spreadsheet (unknown encoding or binary data)."));
        }
        try
        {
            using var text = sniffed.Utf8;
            using ITableReader table = sniffed.Kind == ContentKind.Text ? new CsvTableReader(text) : new SpreadsheetReader(text, options.Sheet);
            var kind = sniffed.Kind switch { ContentKind.Xlsx => "xlsx", ContentKind.Xls => "xls", _ => "csv" };
            var format = string.Join("; ", new[] { kind, sniffed.EncodingName, table.Dialect }.Where(p => p.Length > 0));
            return ReadTable(table, definition, catalog, format);
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

    private static RespondentFile ReadTable(ITableReader table, SurveyDefinition definition, ImportCatalog catalog, string format)
    {
        var errors = new List<RowError>(table.TableErrors);
        var headers = table.Headers.Select(h => h.Trim().TrimStart('\uFEFF').Trim()).ToList();
        var ignored = new List<string>();
        int id = -1, area = -1, wave = -1;
        var traits = new Dictionary<int, (SurveyTrait Trait, Dimension? Dimension)>();
        var questions = new Dictionary<int, SurveyQuestion>();
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var trait = definition.Attributes.FirstOrDefault(a => Same(a.Column, header) || Same(a.Dimension, header));
            var question = definition.Questions.FirstOrDefault(q => Same(q.Column, header));
            if (question is not null)
                questions[i] = question;
            else if (trait is not null)
                traits[i] = (trait, catalog.Dimensions.FirstOrDefault(d => Same(d.Code, trait.Dimension)));
            else if (id < 0 && IdHeaders.Any(h => Same(h, header)))
                id = i;
            else if (area < 0 && AreaHeaders.Any(h => Same(h, header)))
                area = i;
            else if (wave < 0 && WaveHeaders.Any(h => Same(h, header)))
                wave = i;
            else
                ignored.Add(header);
        }
        Require(id, "respondent", "respondent (eller løbenummer, id)", errors);
        Require(area, "area", "område (eller boligområde, area)", errors);
        Require(wave, "wave", "bølge (eller år, periode, wave)", errors);
        foreach (var trait in definition.Attributes.Where(a => !traits.Values.Any(t => t.Trait == a)))
            Require(-1, trait.Column, trait.Column, errors);
        foreach (var question in definition.Questions.Where(q => !questions.ContainsValue(q)))
            Require(-1, question.Column, question.Column, errors);
        if (errors.Count > 0)
            return new RespondentFile([], errors, format, ignored);

        var respondents = new List<Respondent>();
        var seen = new HashSet<(string, Period, string)>();
        foreach (var row in table.Rows(errors))
        {
            if (respondents.Count >= MaxRespondents)
            {
                errors.Add(RuleText.Error(row.Row, "*", null, $"Filen har mere end {MaxRespondents} besvarelser; del den op.",
                    $"The file has more than {MaxRespondents} respondents; split it."));
                break;
            }
            var respondentId = row.Fields[id];
            if (respondentId.Length == 0)
                errors.Add(RuleText.Error(row.Row, headers[id], "", "Hver besvarelse skal have et respondent-id.", "Every respondent needs an id."));
            var scope = Area(row.Row, headers[area], row.Fields[area], catalog, errors);
            var period = PeriodRule.Check(row.Row, row.Fields[wave], null, errors);
            var attributes = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, (trait, dimension)) in traits)
            {
                if (Value(row.Row, headers[column], row.Fields[column], trait, dimension, errors) is { } value)
                    attributes[trait.Dimension] = value;
            }
            var answers = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (column, question) in questions)
            {
                var answer = row.Fields[column].Trim();
                if (question.Classify(answer) == AnswerKind.Unknown)
                {
                    var known = question.Positive.Concat(question.Negative ?? []).Concat(question.Excluded ?? []).ToList();
                    var nearest = EditDistance.Nearest(answer, known);
                    errors.Add(RuleText.Error(row.Row, headers[column], answer,
                        $"'{RuleText.Echo(answer)}' er ikke et svar på '{question.Column}'" + (nearest is null ? "" : $"; mente du '{nearest}'?") + $" Svarmuligheder: {string.Join(", ", known)}.",
                        $"'{RuleText.Echo(answer)}' is not an answer to '{question.Column}'" + (nearest is null ? "" : $"; did you mean '{nearest}'?") + $" Answers: {string.Join(", ", known)}."));
                }
                answers[question.Column] = answer;
            }
            if (scope is null || period is not { } p || respondentId.Length == 0)
                continue;
            if (!seen.Add((scope, p, respondentId)))
            {
                errors.Add(RuleText.Error(row.Row, headers[id], respondentId,
                    $"Respondent '{RuleText.Echo(respondentId)}' står to gange for {scope} {p}.", $"Respondent '{RuleText.Echo(respondentId)}' appears twice for {scope} {p}."));
                continue;
            }
            respondents.Add(new Respondent(respondentId, scope, p, attributes, answers));
        }
        if (errors.Count == 0 && respondents.Count == 0)
            errors.Add(RuleText.Error(2, "*", null, "Filen har en overskrift, men ingen besvarelser.", "The file has a header but no respondents."));
        return new RespondentFile(errors.Count == 0 ? respondents : [], errors, format, ignored);
    }

    private static string? Area(int row, string column, string text, ImportCatalog catalog, List<RowError> errors)
    {
        if (catalog.Scope(text) is { } byCode)
            return byCode.Code;
        var named = catalog.ScopesNamed(text);
        if (named.Count == 1)
            return named[0].Code;
        var nearest = EditDistance.Nearest(text, catalog.ScopeCodesAndNames);
        errors.Add(RuleText.Error(row, column, text,
            named.Count > 1
                ? $"Flere områder hedder '{RuleText.Echo(text)}'; brug koden."
                : $"Ukendt område '{RuleText.Echo(text)}'" + (nearest is null ? "." : $"; mente du '{nearest}'?"),
            named.Count > 1
                ? $"Several areas are named '{RuleText.Echo(text)}'; use the code."
                : $"Unknown area '{RuleText.Echo(text)}'" + (nearest is null ? "." : $"; did you mean '{nearest}'?")));
        return null;
    }

    /// <summary>The dimension value a cell names by code or label; null for a blank or missing marker (the respondent is in no group of it).</summary>
    private static string? Value(int row, string column, string text, SurveyTrait trait, Dimension? dimension, List<RowError> errors)
    {
        if (ValueText.IsMissing(text))
            return null;
        if (dimension is null)
        {
            errors.Add(RuleText.Error(row, column, text, $"Dimensionen '{trait.Dimension}' er ikke oprettet.", $"The dimension '{trait.Dimension}' is not declared."));
            return null;
        }
        var value = dimension.Values.FirstOrDefault(v => Same(v.Code, text) || Same(v.Label, text));
        if (value is not null)
            return value.Code;
        var allowed = dimension.Values.Select(v => v.Code).ToList();
        var nearest = EditDistance.Nearest(text, allowed);
        errors.Add(RuleText.Error(row, column, text,
            $"'{RuleText.Echo(text)}' er ikke en værdi af {dimension.Code}" + (nearest is null ? "" : $"; mente du '{nearest}'?") + $" Tilladte værdier: {string.Join(", ", allowed)}.",
            $"'{RuleText.Echo(text)}' is not a value of {dimension.Code}" + (nearest is null ? "" : $"; did you mean '{nearest}'?") + $" Allowed values: {string.Join(", ", allowed)}."));
        return null;
    }

    private static void Require(int index, string column, string danishName, List<RowError> errors)
    {
        if (index < 0)
        {
            errors.Add(RuleText.Error(1, column, null, $"Kolonnen '{danishName}' mangler.", $"Missing column '{column}'."));
        }
    }

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static RespondentFile Failed(RowError error) => new([], [error], "", []);
}
