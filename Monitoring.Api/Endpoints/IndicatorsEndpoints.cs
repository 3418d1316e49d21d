using System.Globalization;
using System.Text.RegularExpressions;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Core.Model;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Indicator definitions.</summary>
public static partial class IndicatorsEndpoints
{
    public static void MapIndicatorsEndpoints(this RouteGroupBuilder api)
    {
        var indicators = api.MapGroup("/indicators").WithTags("Indicators");
        indicators.MapGet("/", async (IndicatorStore store, PlanScopeLookup lookup, HttpContext context, CancellationToken ct) =>
                TypedResults.Ok(await AreasEndpoints.VisibleAsync(await store.ListAsync(ct), i => i.Code, context, lookup.IndicatorsOfAsync, ct)))
            .RequireAuthorization(Policies.Read)
            .WithName("ListIndicators")
            .WithSummary("All indicators with unit, direction, source, periodicity and definition (a caller scoped to plans sees those its plans use).");
        indicators.MapGet("/{code}", async (string code, IndicatorStore store, FrameworkEditStore versions, HttpResponse response, CancellationToken ct) =>
            {
                // The version first: an edit between the two reads leaves the ETag older than the body, so a write based on it is refused, never lost.
                if (await versions.CatalogVersionAsync("indicator", code, ct) is { } version)
                    RowETag.Set(response, version);
                return await store.FindAsync(code, ct) is { } indicator ? TypedResults.Ok(indicator) : Problems.NotFound("Indicator", code);
            })
            .RequireAuthorization(Policies.Read)
            .WithName("GetIndicator")
            .Produces<Indicator>()
            .WithSummary("One indicator.");
        indicators.MapPost("/", CreateAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("CreateIndicator")
            .Produces<Indicator>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Define a new indicator.");
    }

    private static async Task<IResult> CreateAsync(Indicator indicator, IndicatorStore store, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(indicator.Code) || !CodePattern().IsMatch(indicator.Code))
            errors.Add(new("code", indicator.Code, "Brug store bogstaver, cifre og understreger (fx BESK_UDENFOR_18_64).", "Use capital letters, digits and underscores (e.g. BESK_UDENFOR_18_64)."));
        if (string.IsNullOrWhiteSpace(indicator.Name))
            errors.Add(new("name", indicator.Name, "Skal udfyldes.", "Required."));
        if (indicator.Decimals is < 0 or > 6)
            errors.Add(new("decimals", indicator.Decimals.ToString(CultureInfo.InvariantCulture), "Brug 0 til 6 decimaler.", "Use 0 to 6 decimals."));
        if (errors.Count > 0)
            return Problems.InvalidFields("The indicator is not valid", errors);
        return await store.CreateAsync(indicator, cancellationToken)
            ? TypedResults.Created($"/api/v1/indicators/{indicator.Code}", indicator)
            : Problems.Conflict("Indicator", indicator.Code);
    }

    [GeneratedRegex("^[A-Z][A-Z0-9_]{1,63}$")]
    private static partial Regex CodePattern();
}
