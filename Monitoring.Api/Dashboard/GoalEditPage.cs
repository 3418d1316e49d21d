using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.FrameworkHtml;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// The secretariat edits a goal: its title and description, its targets' values and periods,
/// a new target, a target retired. "Vis ændringer" shows the diff (a dry run);
/// "Gem" saves it as the signed-in person against the
/// version the form was opened on, so a concurrent change is never overwritten.
/// </summary>
public static class GoalEditPage
{
    private sealed record Posted(string Form, long? TargetId, IFormCollection Values, Dictionary<string, string> Errors);

    public static async Task<IResult> RenderAsync(
        string slug, long goalId, FrameworkEditStore store, IndicatorStore indicators, ScopeStore scopes, CancellationToken cancellationToken) =>
        await PageAsync(slug, goalId, store, indicators, scopes, null, null, cancellationToken);

    public static async Task<IResult> SubmitAsync(
        string slug, long goalId, HttpRequest request, FrameworkEditStore store, IndicatorStore indicators, ScopeStore scopes,
        HttpContext context, CancellationToken cancellationToken)
    {
        var form = await request.ReadFormAsync(cancellationToken);
        var which = form["form"].ToString();
        long? targetId = long.TryParse(form["targetId"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) ? t : null;
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var posted = new Posted(which, targetId, form, errors);
        var save = form["handling"] == "gem";
        var holder = save ? FormWriter.Of(context) : null;
        if (save && holder is null)
            return await PageAsync(slug, goalId, store, indicators, scopes, posted, Note("Ikke gemt: du er ikke logget ind med en rolle, der må ændre målrammen.", error: true), cancellationToken);
        if (!long.TryParse(form["etag"], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            version = -1;
        var edit = new EditContext(holder?.Name ?? "forhåndsvisning", DryRun: !save, version);

        JsonObject body;
        if (which == "goal")
        {
            body = new JsonObject
            {
                ["title"] = Text(form["title"]) ?? "",
                ["description"] = Text(form["description"]),
                ["focusArea"] = Text(form["focusArea"]),
                ["owningBody"] = Text(form["owningBody"]) ?? "",
            };
        }
        else
        {
            body = new JsonObject
            {
                ["baselinePeriod"] = Text(form["baselinePeriod"]),
                ["baselineValue"] = Number("baselineValue", form["baselineValue"], errors),
                ["targetPeriod"] = Text(form["targetPeriod"]),
                ["targetValue"] = Number("targetValue", form["targetValue"], errors),
            };
            if (which == "target")
                body["retired"] = form["retired"] == "on";
            else
            {
                body["indicator"] = Text(form["indicator"]);
                body["scope"] = Text(form["scope"]);
            }
        }
        if (errors.Count > 0)
            return await PageAsync(slug, goalId, store, indicators, scopes, posted, Note("Ikke gemt: ret felterne markeret med rødt.", error: true), cancellationToken);

        var result = which switch
        {
            "goal" => await store.PatchGoalAsync(goalId, body, edit, cancellationToken),
            "target" when targetId is { } id => await store.PatchTargetAsync(id, body, edit, cancellationToken),
            _ => await store.AddTargetAsync(goalId, body, edit, cancellationToken),
        };
        var (message, fieldErrors) = Outcome(result);
        foreach (var (field, text) in fieldErrors)
            errors[field] = text;
        var note = result.Status switch
        {
            EditStatus.DryRun => Diff(result.Changes, "Ændringer, hvis du gemmer (intet er gemt endnu)"),
            EditStatus.Saved => Note("Ændringerne er gemt.") + Diff(result.Changes, "Gemte ændringer"),
            _ => Note(message ?? "", error: true),
        };
        // A saved or stale form is drawn afresh from what is stored (with the new version); a dry run
        // or a refused one keeps what was typed, so "Gem" saves exactly what the diff showed.
        var keep = result.Status is EditStatus.DryRun or EditStatus.Invalid ? posted : null;
        return await PageAsync(slug, goalId, store, indicators, scopes, keep, note, cancellationToken);
    }

    private static string Note(string text, bool error = false) => $"<p class=\"card{(error ? " error" : "")}\" id=\"besked\">{E(text)}</p>";

    private static async Task<IResult> PageAsync(
        string slug, long goalId, FrameworkEditStore store, IndicatorStore indicators, ScopeStore scopes, Posted? posted, string? note,
        CancellationToken cancellationToken)
    {
        var state = await store.StateOfGoalAsync(goalId, cancellationToken);
        if (state is null || state.Plan.Slug != slug)
            return Results.NotFound();
        var goal = state.Goals.Single(g => g.Id == goalId);
        var none = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Value(string form, long? targetId, string field, string? stored) =>
            posted is not null && posted.Form == form && posted.TargetId == targetId ? posted.Values[field].ToString() : stored;
        IReadOnlyDictionary<string, string> ErrorsOf(string form, long? targetId) =>
            posted is not null && posted.Form == form && posted.TargetId == targetId ? posted.Errors : none;

        var html = new StringBuilder(note ?? "");
        var action = $"/planer/{U(slug)}/maal/{goalId}/rediger";
        var goalErrors = ErrorsOf("goal", null);
        html.Append(Danish, $"""
            <form class="card" method="post" action="{action}" id="maal-form"><h2>Målet</h2>
            <input type="hidden" name="form" value="goal"><input type="hidden" name="etag" value="{goal.RowVersion}">
            {Field("Titel", "title", Value("goal", null, "title", goal.Title), goalErrors, required: true)}
            {Field("Beskrivelse", "description", Value("goal", null, "description", goal.Description), goalErrors, "textarea")}
            {Field("Indsatsområde", "focusArea", Value("goal", null, "focusArea", goal.FocusArea), goalErrors)}
            {Field("Ejer (organ)", "owningBody", Value("goal", null, "owningBody", goal.OwningBody), goalErrors, required: true)}
            {Buttons("Gem målet")}</form>
            """);

        var names = (await indicators.ListAsync(cancellationToken)).ToDictionary(i => i.Code, i => i.Name, StringComparer.Ordinal);
        foreach (var target in state.Targets.Where(t => t.GoalId == goalId && t.RetiredAt is null))
        {
            var errors = ErrorsOf("target", target.Id);
            var retired = Value("target", target.Id, "retired", null) == "on";
            html.Append(Danish, $"""
                <form class="card" method="post" action="{action}" id="maaltal-{target.Id}"><h3>Måltal: {E(names.GetValueOrDefault(target.IndicatorCode, target.IndicatorCode))} · {E(target.ScopeCode)}</h3>
                <input type="hidden" name="form" value="target"><input type="hidden" name="targetId" value="{target.Id}"><input type="hidden" name="etag" value="{target.RowVersion}">
                {Field("Baseline-periode", "baselinePeriod", Value("target", target.Id, "baselinePeriod", target.BaselinePeriod), errors)}
                {Field("Baseline-værdi", "baselineValue", Value("target", target.Id, "baselineValue", Show(target.BaselineValue)), errors)}
                {Field("Målperiode", "targetPeriod", Value("target", target.Id, "targetPeriod", target.TargetPeriod), errors)}
                {Field("Målværdi", "targetValue", Value("target", target.Id, "targetValue", Show(target.TargetValue)), errors)}
                <label><input type="checkbox" name="retired"{(retired ? " checked" : "")}> Udfas måltallet (det forlader status og notat, men historikken bevares)</label>
                {Buttons("Gem måltallet")}</form>
                """);
        }

        var addErrors = ErrorsOf("add", null);
        html.Append(Danish, $"""
            <form class="card" method="post" action="{action}" id="nyt-maaltal"><h3>Tilføj måltal</h3>
            <input type="hidden" name="form" value="add"><input type="hidden" name="etag" value="{goal.RowVersion}">
            <label>Indikator <select name="indicator">
            """);
        var chosenIndicator = Value("add", null, "indicator", null);
        foreach (var (code, name) in names.OrderBy(n => n.Value, StringComparer.Create(Danish, false)))
            html.Append(Danish, $"<option value=\"{E(code)}\"{(code == chosenIndicator ? " selected" : "")}>{E(name)}</option>");
        html.Append(Danish, $"</select>{(addErrors.TryGetValue("indicator", out var indicatorError) ? $" <span class=\"error\">{E(indicatorError)}</span>" : "")}</label><label>Område <select name=\"scope\">");
        var chosenScope = Value("add", null, "scope", null);
        foreach (var scope in await scopes.ListAsync(cancellationToken))
            html.Append(Danish, $"<option value=\"{E(scope.Code)}\"{(scope.Code == chosenScope ? " selected" : "")}>{E(scope.Name)}</option>");
        html.Append(Danish, $"""
            </select></label>
            {Field("Baseline-periode", "baselinePeriod", Value("add", null, "baselinePeriod", null), addErrors)}
            {Field("Baseline-værdi", "baselineValue", Value("add", null, "baselineValue", null), addErrors)}
            {Field("Målperiode", "targetPeriod", Value("add", null, "targetPeriod", null), addErrors)}
            {Field("Målværdi", "targetValue", Value("add", null, "targetValue", null), addErrors)}
            {Buttons("Tilføj måltallet")}</form>
            """);
        var crumbs = $"<p class=\"muted\"><a href=\"/\">Planer</a> › <a href=\"/planer/{U(slug)}\">{E(state.Plan.Name)}</a> › <a href=\"/planer/{U(slug)}/maal/{goalId}\">{E(goal.Title)}</a> · <a href=\"/planer/{U(slug)}/historik\">Historik</a></p>";
        return Page($"Redigér mål: {goal.Title}", html.ToString(), crumbs);
    }

    private static string? Show(double? value) => value?.ToString("0.######", Danish);
}
