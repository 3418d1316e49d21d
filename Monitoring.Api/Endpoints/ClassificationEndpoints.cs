using System.Globalization;
using CsvHelper;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Classification;
using Monitoring.Ingest.Classification;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The statutory lists (almenboligloven §§ 61 a–b): which list an area is on at a list date and why, every area
/// on one list date, and a projection of the next lists from the criteria's trends. The rules are the regime
/// table in Monitoring.Core/Classification/regimes.json.
/// </summary>
public static class ClassificationEndpoints
{
    private static readonly ClassificationEngine Engine = new(ClassificationInputs.Table);
    private static readonly ClassificationForecaster Forecaster = new(Engine);

    public static void MapClassificationEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/areas/{code}/classification", AreaAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Statutory lists")
            .WithName("GetAreaClassification")
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<AreaClassification>()
            .WithSummary("The area on the statutory lists at a list date (date=yyyy-MM-dd; default today: the newest list then): every category and criterion with window, values, average, absolute threshold, operator, outcome, missing years and Danish explanation, and the lists it was on since 2010; format=csv for CSV.");
        api.MapGet("/classification", AllAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Statutory lists")
            .WithName("ListClassifications")
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<IReadOnlyList<ClassificationSummary>>()
            .WithSummary("Every area on the list in force at date (default today), each with its categories' outcomes; category= keeps the areas on that list (e.g. parallelsamfund); format=csv for CSV.");
        api.MapGet("/areas/{code}/classification/forecast", ForecastAsync)
            .RequireAuthorization(Policies.Read)
            .WithTags("Statutory lists")
            .WithName("GetAreaClassificationForecast")
            .ProducesCsv()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .Produces<AreaForecast>()
            .WithSummary("A PROJECTION of the next lists (lists=1–10, default 3) after the list in force at date: each criterion indicator follows its Theil–Sen trend; per criterion the distance to the threshold and the list at which it would be crossed; format=csv for CSV.");
    }

    private static async Task<IResult> AreaAsync(string code, string? date, HttpRequest request, ClassificationInputs inputs, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem) || !TryListYear(date, clock, out var listYear, out problem))
            return problem!;
        if (await inputs.ForAreaAsync(code, cancellationToken) is not { } input)
            return Problems.NotFound("Area", code);
        var history = Engine.History(input.Input, listYear);
        var current = history[^1];
        var body = new AreaClassification(input.Area.Code, input.Area.Name, input.NationalScope, input.RegionScope, ClassificationInputs.Table.Version,
            current, history.Select(h => new ListHistoryEntry(h.ListYear, h.ListDate, h.Regime, h.Lists)).ToList());
        return csv ? Csv($"{input.Area.Code}-classification-{listYear}.csv", AreaRows(body)) : TypedResults.Ok(body);
    }

    private static async Task<IResult> AllAsync(string? date, string? category, HttpRequest request, ClassificationInputs inputs, TimeProvider clock,
        PlanScopeLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem) || !TryListYear(date, clock, out var listYear, out problem))
            return problem!;
        var known = ClassificationInputs.Table.Regimes.SelectMany(r => r.Categories).Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        if (!string.IsNullOrEmpty(category) && !known.Contains(category))
            return Problems.BadParameter("category", category, "Use one of " + string.Join(", ", known.Order(StringComparer.Ordinal)) + ".");
        var all = await inputs.ForAllAreasAsync(cancellationToken);
        var visible = await AreasEndpoints.VisibleAsync(all, i => i.Area.Code, context, lookup.AreasOfAsync, cancellationToken);
        var summaries = visible
            .Select(i => (Input: i, Result: Engine.Evaluate(i.Input, listYear)!))
            .Where(x => string.IsNullOrEmpty(category) || x.Result.Lists.Contains(category))
            .Select(x => new ClassificationSummary(x.Input.Area.Code, x.Input.Area.Name, x.Result.ListYear, x.Result.ListDate, x.Result.Regime,
                x.Result.Residents, x.Result.Lists, x.Result.Categories.Select(c => new CategoryOutcome(c.Code, c.Name, c.Outcome, c.Explanation)).ToList()))
            .ToList();
        return csv ? Csv($"classification-{listYear}.csv", SummaryRows(summaries)) : TypedResults.Ok(summaries);
    }

    private static async Task<IResult> ForecastAsync(string code, string? date, int? lists, HttpRequest request, ClassificationInputs inputs, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!ResponseFormat.TryWantsCsv(request, out var csv, out var problem) || !TryListYear(date, clock, out var listYear, out problem))
            return problem!;
        if (lists is < 1 or > 10)
            return Problems.BadParameter("lists", lists?.ToString(CultureInfo.InvariantCulture), "Use a number of lists from 1 to 10.");
        if (await inputs.ForAreaAsync(code, cancellationToken) is not { } input)
            return Problems.NotFound("Area", code);
        var forecast = Forecaster.Forecast(input.Input, listYear, lists ?? 3);
        var body = new AreaForecast(input.Area.Code, input.Area.Name, Engine.Evaluate(input.Input, listYear)!, forecast);
        return csv ? Csv($"{input.Area.Code}-classification-forecast.csv", ForecastRows(body)) : TypedResults.Ok(body);
    }

    /// <summary>The list in force at <paramref name="date"/> (default today); a malformed date or one before the first list is refused by name.</summary>
    private static bool TryListYear(string? date, TimeProvider clock, out int listYear, out IResult? problem)
    {
        listYear = 0;
        problem = null;
        DateOnly day;
        if (string.IsNullOrWhiteSpace(date))
            day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        else if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            problem = Problems.BadParameter("date", date, "Use a date as yyyy-MM-dd, e.g. 2024-12-01.");
            return false;
        }
        if (ClassificationInputs.Table.ListYearOn(day) is not { } year)
        {
            var first = ClassificationInputs.Table.For(ClassificationInputs.Table.FirstListYear)!.ListDate(ClassificationInputs.Table.FirstListYear);
            problem = Problems.BadParameter("date", date, $"There is no list before the first one of {first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}.");
            return false;
        }
        listYear = year;
        return true;
    }

    private static string? Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture);

    private static string Text<TEnum>(TEnum value) where TEnum : struct, Enum => Monitoring.Core.Model.EnumText.ToText(value);

    private static IEnumerable<string?[]> AreaRows(AreaClassification body)
    {
        yield return ["area", "listYear", "listDate", "regime", "kind", "code", "name", "outcome", "average", "threshold", "operator", "relativeTo", "windowYears", "missingYears", "explanation"];
        var c = body.Classification;
        string?[] Head() => [body.Area, c.ListYear.ToString(CultureInfo.InvariantCulture), c.ListDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), c.Regime];
        foreach (var category in c.Categories)
            yield return [.. Head(), "category", category.Code, category.Name, Text(category.Outcome), null, null, null, null, null, null, category.Explanation];
        foreach (var criterion in c.Criteria)
        {
            yield return [.. Head(), "criterion", criterion.Code, criterion.Name, Text(criterion.Outcome), Number(criterion.Average), Number(criterion.Threshold),
                Text(criterion.Operator), Text(criterion.RelativeTo), criterion.WindowYears.ToString(CultureInfo.InvariantCulture),
                string.Join(" ", criterion.MissingYears.Concat(criterion.MissingReferenceYears).Select(y => y.ToString(CultureInfo.InvariantCulture))), criterion.Explanation];
        }
    }

    private static IEnumerable<string?[]> SummaryRows(IReadOnlyList<ClassificationSummary> summaries)
    {
        yield return ["area", "name", "listYear", "listDate", "regime", "residents", "lists"];
        foreach (var s in summaries)
        {
            yield return [s.Area, s.Name, s.ListYear.ToString(CultureInfo.InvariantCulture), s.ListDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), s.Regime,
                Number(s.Residents), string.Join(" ", s.Lists)];
        }
    }

    private static IEnumerable<string?[]> ForecastRows(AreaForecast body)
    {
        yield return ["area", "listYear", "projection", "kind", "code", "name", "outcome", "projectedAverage", "threshold", "operator", "distance", "crossesAtListYear", "explanation"];
        foreach (var list in body.Forecast.Lists)
        {
            var year = list.ListYear.ToString(CultureInfo.InvariantCulture);
            foreach (var category in list.Classification.Categories)
                yield return [body.Area, year, "true", "category", category.Code, category.Name, Text(category.Outcome), null, null, null, null, null, category.Explanation];
            foreach (var c in list.Criteria)
            {
                yield return [body.Area, year, "true", "criterion", c.Code, c.Name, Text(c.Outcome), Number(c.ProjectedAverage), Number(c.Threshold), Text(c.Operator),
                    Number(c.Distance), c.CrossesAtListYear?.ToString(CultureInfo.InvariantCulture), c.Explanation];
            }
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.FileContentHttpResult Csv(string fileName, IEnumerable<string?[]> rows)
    {
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, CsvDialect.International.WriterOptions(), leaveOpen: true))
        {
            var first = true;
            foreach (var row in rows)
            {
                if (first)
                    writer.WriteHeader(row!);
                else
                    writer.WriteRecord(row);
                first = false;
            }
        }
        return TypedResults.File(buffer.ToArray(), "text/csv; charset=utf-8", fileName);
    }
}

/// <summary>One list date of an area's history: the categories it was on.</summary>
public sealed record ListHistoryEntry(int ListYear, DateOnly ListDate, string Regime, IReadOnlyList<string> Lists);

/// <summary>An area on one list date, with the references it was judged against and its history of lists.</summary>
public sealed record AreaClassification(
    string Area, string Name, string? NationalScope, string? RegionScope, string TableVersion,
    ClassificationResult Classification, IReadOnlyList<ListHistoryEntry> History);

public sealed record CategoryOutcome(string Code, string Name, Outcome Outcome, string Explanation);

/// <summary>An area's line in the list of all areas.</summary>
public sealed record ClassificationSummary(
    string Area, string Name, int ListYear, DateOnly ListDate, string Regime, double? Residents, IReadOnlyList<string> Lists, IReadOnlyList<CategoryOutcome> Categories);

/// <summary>The list in force and the projected next lists.</summary>
public sealed record AreaForecast(string Area, string Name, ClassificationResult Current, ClassificationForecast Forecast);
