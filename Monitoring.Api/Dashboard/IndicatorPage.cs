using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard.Views;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Core.Suppression;
using Monitoring.Core.Surveys;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>An indicator in one area: chart, table of observations with n and suppression marks, comments.</summary>
public static class IndicatorPage
{
    public static async Task<IResult> RenderAsync(
        string code, string? area, string? subgroup, string? note, string? asOf, IndicatorStore indicators, ScopeStore scopes,
        DimensionStore dimensions, SeriesQuery series, CommentStore comments, PlanStore plans, IOptions<SuppressionOptions> suppression, TimeProvider clock,
        HttpContext context, PlanScopeLookup lookup, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        if (await indicators.FindAsync(code, cancellationToken) is not { } indicator)
            return Results.NotFound();
        Period? period = Period.TryParse(asOf, out var parsed) ? parsed : null;
        // A caller scoped to plans sees the areas, comments and plans of its plans only.
        var allScopes = await Endpoints.AreasEndpoints.VisibleAsync(await scopes.ListAsync(cancellationToken), s => s.Code, context, lookup.AreasOfAsync, cancellationToken);
        if ((allScopes.FirstOrDefault(s => s.Code == area) ?? allScopes.FirstOrDefault(s => s.Kind == ScopeKind.Area)) is not { } scope)
            return Results.NotFound();
        // Read as of the meeting: nothing measured after asOf is shown.
        var observations = (await series.AllSubgroupsAsync(code, scope.Code, cancellationToken))
            .Where(o => period is not { } at || o.Period.EndOrdinal <= at.EndOrdinal)
            .OrderByDescending(o => o.Period).ThenBy(o => o.Subgroup, StringComparer.Ordinal)
            .ToList();
        var view = BoardView.Create(await BoardWords.LoadAsync(indicators, scopes, dimensions, cancellationToken), period, clock);
        var allPlans = (await plans.ListAsync(cancellationToken)).Where(p => Auth.CallerClaims.MaySee(context.User, p.Slug)).ToList();
        var planNames = allPlans.ToDictionary(p => p.Slug, p => p.Name, StringComparer.Ordinal);
        return new RazorComponentResult<IndicatorView>(new Dictionary<string, object?>
        {
            [nameof(IndicatorView.Indicator)] = indicator,
            [nameof(IndicatorView.Scope)] = scope,
            [nameof(IndicatorView.Scopes)] = allScopes,
            [nameof(IndicatorView.Subgroup)] = subgroup,
            [nameof(IndicatorView.Observations)] = observations,
            [nameof(IndicatorView.Comments)] = (await comments.ForIndicatorAsync(code, cancellationToken))
                .Where(n => Auth.CallerClaims.MaySee(context.User, n.PlanSlug)).ToList(),
            [nameof(IndicatorView.FormToken)] = antiforgery.GetAndStoreTokens(context),
            [nameof(IndicatorView.PlanNames)] = planNames,
            [nameof(IndicatorView.View)] = view,
            // Only a known code picks a fixed sentence: text from the URL is never shown, so a link cannot put words in the page.
            [nameof(IndicatorView.Message)] = CommentNote.Text(note),
            [nameof(IndicatorView.MinCount)] = suppression.Value.MinCount,
            [nameof(IndicatorView.SurveyPlans)] = allPlans.Where(p => p.AreaCodes.Contains(scope.Code)).Select(p => (p.Slug, p.Name)).ToList(),
        });
    }

    public static async Task<IResult> AddCommentAsync(
        string code, [FromForm] string plan, [FromForm] string? period, [FromForm] string author, [FromForm] string text,
        [FromForm] string? area, [FromForm] string? kind, [FromForm] string? decisionType, HttpContext context, CommentStore comments,
        PlanScopeLookup lookup, CancellationToken cancellationToken)
    {
        string Back(string note) => $"/indikatorer/{U(code)}?area={U(area ?? "")}&note={U(note)}";
        // The plan is a form field, so the scope gate cannot see it (the route is marked PlanCheckedByHandler):
        // a caller scoped to plans writes only on its plans, about indicators its plans use; anything else
        // is answered as if it did not exist, as the gate does for routes.
        if (context.User.PlanScope() is { } scope
            && (!scope.Contains(plan) || !(await lookup.IndicatorsOfAsync(scope, cancellationToken)).Contains(code)))
            return Results.NotFound();
        if (FormWriter.Of(context) is null)
            return Results.Redirect(Back(CommentNote.NoKey));
        Period? at = null;
        if (!string.IsNullOrWhiteSpace(period))
        {
            if (!Period.TryParse(period, out var parsed))
                return Results.Redirect(Back(CommentNote.BadPeriod));
            at = parsed;
        }
        if (string.IsNullOrWhiteSpace(author) || string.IsNullOrWhiteSpace(text))
            return Results.Redirect(Back(CommentNote.Missing));
        var (commentKind, type, kindError) = CommentKinds.Normalise(kind, decisionType);
        if (kindError is not null)
            return Results.Redirect(Back(CommentNote.ForKindError(kind, decisionType)));
        var id = await comments.CreateAsync(plan, null, code, at, author.Trim(), text.Trim(), commentKind, type, cancellationToken);
        return Results.Redirect(Back(id is null ? CommentNote.NoPlan : CommentNote.Saved));
    }
}
