using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Extensions;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;
using Microsoft.Extensions.Options;
using Microsoft.OData;
using Monitoring.Api.Http;
using Monitoring.Api.OData.Entities;
using Monitoring.Core.Model;
using Monitoring.Core.Statistics;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData.Controllers;

/// <summary>
/// <c>/odata/Observations</c>: every current observation, filtered and ordered in the database (see
/// <see cref="ObservationSqlTranslator"/>), small numbers withheld, at most
/// <see cref="FeedModel.MaxPageSize"/> a page with the rest behind <c>@odata.nextLink</c>. Without
/// <c>$orderby</c> pages follow the storage key (a write between pages never shifts a row into or out
/// of a page already read); with one, they follow an offset.
/// </summary>
public sealed class ObservationsController(
    ObservationFeedQuery query, SeriesQuery series, IndicatorStore indicators, ScopeStore scopes, IOptions<SuppressionOptions> suppression)
    : ODataController
{
    private static readonly ODataValidationSettings Validation = new()
    {
        AllowedQueryOptions = FeedQueryAttribute.Supported,
        MaxExpansionDepth = 1,
        AllowedFunctions = AllowedFunctions.None,
        AllowedArithmeticOperators = AllowedArithmeticOperators.None,
    };

    /// <summary>Checked by name first: the validator lets an unknown <c>$</c> option through, and it must not be ignored.</summary>
    private static readonly string[] Supported = ["$filter", "$select", "$orderby", "$top", "$skip", "$count", "$expand", "$skiptoken", "$format"];

    public async Task<IActionResult> Get(ODataQueryOptions<ObservationEntity> options, CancellationToken cancellationToken)
    {
        ObservationCondition condition;
        bool readsValues;
        IReadOnlyList<string> orderBy;
        PageToken token;
        try
        {
            if (Request.Query.Keys.FirstOrDefault(k => k.StartsWith('$') && !Supported.Contains(k)) is { } unsupported)
                throw new ODataException($"The query option '{unsupported}' is not supported on Observations; use {string.Join(", ", Supported)}.");
            options.Validate(Validation);
            (condition, readsValues) = ObservationSqlTranslator.Where(options.Filter?.FilterClause);
            orderBy = ObservationSqlTranslator.OrderBy(options.OrderBy?.OrderByClause);
            token = PageToken.Parse(options.SkipToken?.RawValue, orderBy.Count > 0);
        }
        catch (ODataException e)
        {
            return BadRequest(e.Message);
        }
        // A caller scoped to plans reads its plans' areas, as /api/v1/observations?area= lets it; the
        // scope is a condition in the SQL beside the caller's filter, so counts and pages never see other rows.
        condition = Scoped(condition);
        var minCount = suppression.Value.MinCount;
        if (readsValues)
        {
            // A filter on values must not match a withheld value: which rows a filter returns would tell it.
            condition = condition with
            {
                Where = $"({condition.Where}) AND (o.flags & 4) = 0 AND (o.denominator IS NULL OR o.denominator >= @minCount)",
                Parameters = new Dictionary<string, object?>(condition.Parameters) { ["minCount"] = minCount },
            };
        }

        var top = options.Top?.Value;
        var pageSize = Math.Min(PreferredPageSize(), top ?? int.MaxValue);
        var offset = token.Offset ?? (token.After is null ? options.Skip?.Value ?? 0 : 0);
        var rows = pageSize == 0
            ? []
            : await query.PageAsync(condition, new ObservationPageRequest(orderBy, token.After, offset, pageSize + 1), cancellationToken);
        var hasMore = rows.Count > pageSize && (top is null || top > pageSize);
        var page = rows.Take(pageSize).ToList();
        var shown = await PageSuppression.WithholdSmallNumbersAsync(page, series, minCount, cancellationToken);
        if (readsValues)
            shown = shown.Where(r => !r.Observation.Flags.HasFlag(ObservationFlags.Suppressed)).ToList();

        var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var areasByCode = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, FeedCatalog.ToEntity, StringComparer.Ordinal);
        var entities = shown.Select(r => ToEntity(r, indicatorsByCode, areasByCode)).ToList();

        var feature = Request.ODataFeature();
        // Counted in SQL. With a filter on values, a row withheld only by secondary suppression is
        // counted although the page leaves it out: the count may exceed the rows by those few.
        if (options.Count?.Value == true)
            feature.TotalCount = await query.CountAsync(condition, cancellationToken);
        if (hasMore)
        {
            var next = orderBy.Count > 0 ? PageToken.AtOffset(offset + page.Count) : PageToken.AfterPosition(page[^1].Position);
            feature.NextLink = NextLink(next, top - page.Count);
        }
        // Filter, order, paging and count are done above; only $select and $expand are left to apply.
        var ignore = AllowedQueryOptions.Filter | AllowedQueryOptions.OrderBy | AllowedQueryOptions.Top | AllowedQueryOptions.Skip
            | AllowedQueryOptions.SkipToken | AllowedQueryOptions.Count;
        return Ok(options.ApplyTo(entities.AsQueryable(), new ODataQuerySettings(), ignore));
    }

    /// <summary><c>/odata/Observations('12.24120.24131')</c>: one observation by the id the feed gave it, small numbers withheld.</summary>
    [FeedQuery]
    public async Task<IActionResult> Get(string key, CancellationToken cancellationToken)
    {
        if (!ObservationPosition.TryParse(key, out var position))
            return NotFound($"No observation has the id '{key}'.");
        var condition = new ObservationCondition("o.series_id = @keySeries AND o.period_start = @keyStart AND o.period_end = @keyEnd",
            new Dictionary<string, object?> { ["keySeries"] = position.SeriesId, ["keyStart"] = position.PeriodStart, ["keyEnd"] = position.PeriodEnd });
        var rows = await query.PageAsync(Scoped(condition), new ObservationPageRequest([], null, 0, 1), cancellationToken);
        if (rows.Count == 0)
            return NotFound($"No observation has the id '{key}'.");
        var shown = await PageSuppression.WithholdSmallNumbersAsync(rows, series, suppression.Value.MinCount, cancellationToken);
        var indicatorsByCode = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, StringComparer.Ordinal);
        var areasByCode = (await scopes.ListAsync(cancellationToken)).ToDictionary(s => s.Code, FeedCatalog.ToEntity, StringComparer.Ordinal);
        return Ok(SingleResult.Create(new[] { ToEntity(shown[0], indicatorsByCode, areasByCode) }.AsQueryable()));
    }

    private ObservationCondition Scoped(ObservationCondition condition) =>
        PlanVisibility.VisiblePlanSlugs(User) is { } plans ? condition.And(PlanScopeLookup.AreasCondition(plans)) : condition;

    /// <summary>A client may ask for smaller pages (<c>Prefer: odata.maxpagesize=500</c>), never larger ones.</summary>
    private int PreferredPageSize()
    {
        foreach (var preference in Request.Headers["Prefer"].SelectMany(h => (h ?? "").Split(',')))
        {
            var parts = preference.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts is ["odata.maxpagesize", var size] && int.TryParse(size, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                return Math.Min(n, FeedModel.MaxPageSize);
        }
        return FeedModel.MaxPageSize;
    }

    /// <summary>
    /// The request's own URL with the page token in place of $skip and the rest of $top; other options
    /// (api_key) stay; <see cref="FeedLinks"/> has already set the request to the address it may name.
    /// </summary>
    private Uri NextLink(string token, int? remainingTop)
    {
        var query = new QueryBuilder(Request.Query
            .Where(q => q.Key is not ("$skip" or "$skiptoken" or "$top"))
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))));
        if (remainingTop is { } remaining)
            query.Add("$top", remaining.ToString(CultureInfo.InvariantCulture));
        query.Add("$skiptoken", token);
        return new Uri(UriHelper.BuildAbsolute(Request.Scheme, Request.Host, Request.PathBase, Request.Path, query.ToQueryString()));
    }

    private static ObservationEntity ToEntity(
        StoredObservation stored, Dictionary<string, Indicator> indicators, IReadOnlyDictionary<string, AreaEntity> areas)
    {
        var o = stored.Observation;
        var indicator = indicators.TryGetValue(o.IndicatorCode, out var found) ? FeedCatalog.ToEntity(found) : null;
        var area = areas.GetValueOrDefault(o.ScopeCode);
        var interval = found is null ? null : ObservationInterval.Of(found, o);
        return new ObservationEntity
        {
            Id = stored.Position.ToString(),
            IndicatorCode = o.IndicatorCode,
            IndicatorName = indicator?.Name ?? "",
            Unit = indicator?.Unit ?? "",
            AreaCode = o.ScopeCode,
            AreaName = area?.Name ?? "",
            Period = o.Period.ToString(),
            Year = o.Period.Year,
            Subgroup = o.Subgroup,
            Value = o.Value,
            Numerator = o.Numerator,
            Denominator = o.Denominator,
            IntervalLower = interval?.Lower,
            IntervalUpper = interval?.Upper,
            Flags = Endpoints.ObservationDto.FlagNames(o.Flags),
            Suppressed = o.Flags.HasFlag(ObservationFlags.Suppressed),
            Provisional = o.Flags.HasFlag(ObservationFlags.Provisional),
            Revised = o.Flags.HasFlag(ObservationFlags.Revised),
            BatchId = o.BatchId,
            Indicator = indicator,
            Area = area,
        };
    }

    /// <summary>Where the next page starts: after a storage position (k…) or at an offset (o…).</summary>
    private readonly record struct PageToken(ObservationPosition? After, int? Offset)
    {
        public static string AfterPosition(ObservationPosition position) => "k" + position;

        public static string AtOffset(int offset) => "o" + offset.ToString(CultureInfo.InvariantCulture);

        public static PageToken Parse(string? text, bool ordered)
        {
            if (string.IsNullOrEmpty(text))
                return default;
            if (!ordered && text[0] == 'k' && ObservationPosition.TryParse(text[1..], out var position))
                return new PageToken(position, null);
            if (ordered && text[0] == 'o' && int.TryParse(text[1..], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
                return new PageToken(null, offset);
            throw new ODataException("$skiptoken is not one this feed gave out; follow @odata.nextLink as given.");
        }
    }
}
