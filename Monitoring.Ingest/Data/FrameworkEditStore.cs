using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Dapper;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Ingest.Data;

/// <summary>
/// Edits of a living goal framework: replace a plan's definition, patch goals and targets, add,
/// retire and delete them. Every edit runs in one transaction that first claims the rows it
/// changes with a conditional <c>UPDATE … WHERE row_version = @expected</c> (the plan row first,
/// then the goal or target, always in that order so two edits never wait on each other in a
/// cycle), compares the framework before and after, records the change in
/// <c>framework_changes</c> and moves the data version on; a dry run does the same and rolls back.
/// </summary>
public sealed class FrameworkEditStore(MonitoringDatabase database, DimensionStore dimensions, TimeProvider clock)
{
    private static readonly HashSet<string> GoalEditable = new(StringComparer.Ordinal) { "title", "description", "focusArea", "owningBody", "retired" };
    private static readonly HashSet<string> GoalImmutable = new(StringComparer.Ordinal) { "id", "key", "kind" };
    private static readonly HashSet<string> TargetEditable = new(StringComparer.Ordinal)
    {
        "baselinePeriod", "baselineValue", "targetPeriod", "targetValue", "tolerance", "weight", "benchmarkScope", "milestones", "retired",
    };
    private static readonly HashSet<string> TargetImmutable = new(StringComparer.Ordinal) { "id", "goal", "indicator", "scope", "area", "subgroup" };

    /// <summary>The plan's current definition and its version (the plan definition's ETag).</summary>
    public async Task<(PlanDefinition Definition, long Version)?> DefinitionAsync(string slug, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT id FROM plans WHERE slug = @slug", new { slug }, cancellationToken: cancellationToken));
        if (planId is null || await FrameworkState.LoadAsync(connection, null, planId.Value, cancellationToken) is not { } state)
            return null;
        return (state.ToDefinition(), state.Plan.RowVersion);
    }

    /// <summary>The whole framework of the plan the goal belongs to, retired rows and versions included (for the edit forms).</summary>
    public async Task<FrameworkState?> StateOfGoalAsync(long goalId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT plan_id FROM goals WHERE id = @goalId", new { goalId }, cancellationToken: cancellationToken));
        return planId is null ? null : await FrameworkState.LoadAsync(connection, null, planId.Value, cancellationToken);
    }

    /// <summary>A goal as edited (retired or not), its plan's slug and its version.</summary>
    public async Task<(JsonObject Goal, string PlanSlug, long Version)?> GoalAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT plan_id FROM goals WHERE id = @id", new { id }, cancellationToken: cancellationToken));
        if (planId is null || await FrameworkState.LoadAsync(connection, null, planId.Value, cancellationToken) is not { } state)
            return null;
        var goal = state.Goals.Single(g => g.Id == id);
        var json = goal.ToJson();
        json["retired"] = goal.RetiredAt is not null;
        return (json, state.Plan.Slug, goal.RowVersion);
    }

    /// <summary>A target as edited (retired or not), its plan's slug and its version.</summary>
    public async Task<(JsonObject Target, string PlanSlug, long Version)?> TargetAsync(long id, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT g.plan_id FROM targets t JOIN goals g ON g.id = t.goal_id WHERE t.id = @id", new { id }, cancellationToken: cancellationToken));
        if (planId is null || await FrameworkState.LoadAsync(connection, null, planId.Value, cancellationToken) is not { } state)
            return null;
        var target = state.Targets.Single(t => t.Id == id);
        var json = target.ToJson();
        json["retired"] = target.RetiredAt is not null;
        return (json, state.Plan.Slug, target.RowVersion);
    }

    /// <summary>The version (ETag) of an indicator or area row; null when there is none.</summary>
    public async Task<long?> CatalogVersionAsync(string entity, string code, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"SELECT row_version FROM {CatalogTable(entity)} WHERE code = @code", new { code }, cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Replaces the plan's framework with <paramref name="plan"/>: goals matched by key and targets by
    /// (goal key, indicator, area, subgroup) keep their ids, and so their comments, snapshots and
    /// charts; new ones are added; those no longer named are retired.
    /// </summary>
    public async Task<EditResult> ReplacePlanAsync(string slug, PlanDefinition plan, EditContext edit, CancellationToken cancellationToken = default)
    {
        if (!string.Equals(plan.Slug, slug, StringComparison.Ordinal))
            return EditResult.Refused(new("slug", plan.Slug, $"Slug'en identificerer planen og kan ikke ændres; denne plan er '{slug}'.", $"The slug identifies the plan and cannot be changed; this plan is '{slug}'."));
        await using var connection = await database.OpenAsync(cancellationToken);
        var errors = PlanDefinitionValidator.Validate(plan, await CodesAsync(connection, "indicators", cancellationToken),
            await CodesAsync(connection, "scopes", cancellationToken), await dimensions.ListAsync(cancellationToken)).ToList();
        errors.AddRange(RepeatedTargets(plan));
        if (errors.Count > 0)
            return new(EditStatus.Invalid, [], Errors: errors);

        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "UPDATE plans SET row_version = row_version + 1 WHERE slug = @slug AND row_version = @ExpectedVersion RETURNING id",
            new { slug, edit.ExpectedVersion }, transaction, cancellationToken: cancellationToken));
        if (planId is null)
            return await ExistsAsync(connection, transaction, "SELECT COUNT(*) FROM plans WHERE slug = @key", slug, cancellationToken) ? EditResult.Stale : EditResult.NotFound;
        var before = (await FrameworkState.LoadAsync(connection, transaction, planId.Value, cancellationToken))!;
        var now = Now();

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE plans SET name = @Name, municipality_code = @MunicipalityCode, funding_period = @FundingPeriod, status = @Status WHERE id = @planId",
            new
            {
                plan.Name, plan.MunicipalityCode, plan.FundingPeriod, planId,
                Status = EnumText.ToText(plan.Status is null ? PlanStatus.Active : EnumText.Parse<PlanStatus>(plan.Status)),
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM plan_areas WHERE plan_id = @planId", new { planId }, transaction, cancellationToken: cancellationToken));
        foreach (var area in (plan.Areas ?? []).Distinct(StringComparer.Ordinal))
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO plan_areas (plan_id, scope_code) VALUES (@planId, @area)", new { planId, area }, transaction,
                cancellationToken: cancellationToken));
        }

        var goalsByKey = before.Goals.ToDictionary(g => g.GoalKey, StringComparer.Ordinal);
        var keptGoals = new HashSet<long>();
        var keptTargets = new HashSet<long>();
        async Task PutGoalAsync(GoalDefinition goal, long? parentId)
        {
            var kind = EnumText.ToText(parentId is null ? GoalKind.Strategic : GoalKind.SubGoal);
            var owningBody = goal.OwningBody ?? (parentId is null ? "Bestyrelsen" : "Styregruppen");
            long goalId;
            if (goalsByKey.TryGetValue(goal.Key, out var existing))
            {
                goalId = existing.Id;
                var same = existing.ParentGoalId == parentId && existing.Kind == kind && existing.Title == goal.Title
                    && existing.Description == goal.Description && existing.FocusArea == goal.FocusArea
                    && existing.OwningBody == owningBody && existing.RetiredAt is null;
                if (!same)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        """
                        UPDATE goals SET parent_goal_id = @parentId, kind = @kind, title = @Title, description = @Description,
                               focus_area = @FocusArea, owning_body = @owningBody, retired_at = NULL, row_version = row_version + 1
                        WHERE id = @goalId
                        """,
                        new { parentId, kind, goal.Title, goal.Description, goal.FocusArea, owningBody, goalId },
                        transaction, cancellationToken: cancellationToken));
                }
            }
            else
            {
                goalId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    """
                    INSERT INTO goals (plan_id, parent_goal_id, kind, goal_key, title, description, focus_area, owning_body)
                    VALUES (@planId, @parentId, @kind, @Key, @Title, @Description, @FocusArea, @owningBody)
                    RETURNING id
                    """,
                    new { planId, parentId, kind, goal.Key, goal.Title, goal.Description, goal.FocusArea, owningBody },
                    transaction, cancellationToken: cancellationToken));
            }
            keptGoals.Add(goalId);
            // Grouped, not keyed directly: plans stored before PUT existed may repeat a target in a goal.
            var targetsOfGoal = before.Targets.Where(t => t.GoalId == goalId)
                .GroupBy(t => FrameworkState.TargetRow.TargetKey("", t.IndicatorCode, t.ScopeCode, t.Subgroup), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var target in goal.Targets ?? [])
            {
                var wanted = Normalise(target);
                if (targetsOfGoal.TryGetValue(FrameworkState.TargetRow.TargetKey("", target.Indicator, target.Scope, target.Subgroup), out var current))
                {
                    keptTargets.Add(current.Id);
                    var unchanged = current.RetiredAt is null
                        && JsonNode.DeepEquals(JsonSerializer.SerializeToNode(current.ToDefinition(), MetadataJson.Options),
                                               JsonSerializer.SerializeToNode(wanted, MetadataJson.Options));
                    if (!unchanged)
                    {
                        await WriteTargetAsync(connection, transaction, current.Id, wanted, null, cancellationToken);
                        await connection.ExecuteAsync(new CommandDefinition(
                            "UPDATE targets SET row_version = row_version + 1 WHERE id = @Id", new { current.Id }, transaction,
                            cancellationToken: cancellationToken));
                    }
                }
                else
                {
                    keptTargets.Add(await InsertTargetAsync(connection, transaction, goalId, wanted, cancellationToken));
                }
            }
            foreach (var sub in goal.SubGoals ?? [])
                await PutGoalAsync(sub, goalId);
        }
        foreach (var goal in plan.Goals ?? [])
            await PutGoalAsync(goal, null);

        foreach (var target in before.Targets.Where(t => t.RetiredAt is null && !keptTargets.Contains(t.Id)))
            await RetireAsync(connection, transaction, "targets", target.Id, now, cancellationToken);
        foreach (var goal in before.Goals.Where(g => g.RetiredAt is null && !keptGoals.Contains(g.Id)))
            await RetireAsync(connection, transaction, "goals", goal.Id, now, cancellationToken);

        return await FinishAsync(connection, transaction, planId.Value, before, edit, "SELECT row_version FROM plans WHERE id = @id", planId.Value, cancellationToken);
    }

    /// <summary>A JSON merge patch of a goal's texts, owning body or retirement.</summary>
    public async Task<EditResult> PatchGoalAsync(long id, JsonObject patch, EditContext edit, CancellationToken cancellationToken = default)
    {
        if (MergePatch.FirstRefused(patch, GoalEditable, GoalImmutable) is { } refused)
            return EditResult.Refused(refused);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(connection, transaction, "goals", "SELECT plan_id FROM goals WHERE id = @id", id, edit, cancellationToken) is not { } claim)
            return EditResult.NotFound;
        if (!claim.Claimed)
            return EditResult.Stale;
        var before = (await FrameworkState.LoadAsync(connection, transaction, claim.PlanId, cancellationToken))!;
        var goal = before.Goals.Single(g => g.Id == id);
        var current = goal.ToJson();
        current["retired"] = goal.RetiredAt is not null;
        var merged = MergePatch.Apply(current, patch)!.AsObject();

        var errors = new List<FieldError>();
        var title = Text(merged, "title", errors, required: true);
        var description = Text(merged, "description", errors);
        var focusArea = Text(merged, "focusArea", errors);
        var owningBody = Text(merged, "owningBody", errors, required: true);
        var retired = Flag(merged, "retired", errors);
        if (retired == false && goal.RetiredAt is not null && goal.ParentGoalId is { } parent && before.Goals.Single(g => g.Id == parent).RetiredAt is not null)
            errors.Add(new("retired", "false", "Det overordnede mål er udfaset; genindsæt det først.", "The parent goal is retired; bring it back first."));
        if (errors.Count > 0)
            return new(EditStatus.Invalid, [], Errors: errors);

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE goals SET title = @title, description = @description, focus_area = @focusArea, owning_body = @owningBody WHERE id = @id",
            new { title, description, focusArea, owningBody, id }, transaction, cancellationToken: cancellationToken));
        if (retired && goal.RetiredAt is null)
        {
            // A retired goal takes its sub-goals and targets with it: nothing below it stays current.
            var now = Now();
            foreach (var sub in before.Goals.Where(g => g.ParentGoalId == id && g.RetiredAt is null))
                await RetireAsync(connection, transaction, "goals", sub.Id, now, cancellationToken);
            var below = before.Goals.Where(g => g.Id == id || g.ParentGoalId == id).Select(g => g.Id).ToHashSet();
            foreach (var target in before.Targets.Where(t => below.Contains(t.GoalId) && t.RetiredAt is null))
                await RetireAsync(connection, transaction, "targets", target.Id, now, cancellationToken);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE goals SET retired_at = @now WHERE id = @id", new { now, id }, transaction, cancellationToken: cancellationToken));
        }
        else if (!retired && goal.RetiredAt is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE goals SET retired_at = NULL WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }
        return await FinishAsync(connection, transaction, claim.PlanId, before, edit, "SELECT row_version FROM goals WHERE id = @id", id, cancellationToken);
    }

    /// <summary>A JSON merge patch of a target's values, periods, tolerance, weight, benchmark, milestones or retirement.</summary>
    public async Task<EditResult> PatchTargetAsync(long id, JsonObject patch, EditContext edit, CancellationToken cancellationToken = default)
    {
        if (MergePatch.FirstRefused(patch, TargetEditable, TargetImmutable) is { } refused)
            return EditResult.Refused(refused);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(connection, transaction, "targets",
                "SELECT g.plan_id FROM targets t JOIN goals g ON g.id = t.goal_id WHERE t.id = @id", id, edit, cancellationToken) is not { } claim)
            return EditResult.NotFound;
        if (!claim.Claimed)
            return EditResult.Stale;
        var before = (await FrameworkState.LoadAsync(connection, transaction, claim.PlanId, cancellationToken))!;
        var target = before.Targets.Single(t => t.Id == id);
        var current = JsonSerializer.SerializeToNode(target.ToDefinition(), MetadataJson.Options)!.AsObject();
        current["retired"] = target.RetiredAt is not null;
        var merged = MergePatch.Apply(current, patch)!.AsObject();
        var errors = new List<FieldError>();
        var retired = Flag(merged, "retired", errors);
        merged.Remove("retired");
        if (retired == false && target.RetiredAt is not null && before.Goals.Single(g => g.Id == target.GoalId).RetiredAt is not null)
            errors.Add(new("retired", "false", "Delmålets mål er udfaset; genindsæt det først.", "The target's goal is retired; bring it back first."));
        var definition = ReadTarget(merged, errors);
        if (definition is not null)
            errors.AddRange(await ValidateTargetAsync(connection, transaction, before, definition, cancellationToken));
        if (errors.Count > 0 || definition is null)
            return new(EditStatus.Invalid, [], Errors: errors);

        string? retiredAt = retired ? target.RetiredAt ?? Now() : null;
        await WriteTargetAsync(connection, transaction, id, Normalise(definition), retiredAt, cancellationToken);
        return await FinishAsync(connection, transaction, claim.PlanId, before, edit, "SELECT row_version FROM targets WHERE id = @id", id, cancellationToken);
    }

    /// <summary>Adds a target to a goal, against the goal's version (adding changes what the goal measures).</summary>
    public async Task<EditResult> AddTargetAsync(long goalId, JsonObject body, EditContext edit, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        if (await ClaimAsync(connection, transaction, "goals", "SELECT plan_id FROM goals WHERE id = @id", goalId, edit, cancellationToken) is not { } claim)
            return EditResult.NotFound;
        if (!claim.Claimed)
            return EditResult.Stale;
        var before = (await FrameworkState.LoadAsync(connection, transaction, claim.PlanId, cancellationToken))!;
        var goal = before.Goals.Single(g => g.Id == goalId);
        var errors = new List<FieldError>();
        if (goal.RetiredAt is not null)
            errors.Add(new("goal", goal.GoalKey, "Målet er udfaset; der kan ikke tilføjes delmål til det.", "The goal is retired; targets cannot be added to it."));
        var definition = ReadTarget(body, errors);
        if (definition is not null)
        {
            errors.AddRange(await ValidateTargetAsync(connection, transaction, before, definition, cancellationToken));
            var key = FrameworkState.TargetRow.TargetKey(goal.GoalKey, definition.Indicator, definition.Scope, definition.Subgroup);
            if (before.Targets.Any(t => t.Key == key))
                errors.Add(new("indicator", definition.Indicator, "Målet har allerede et delmål for denne indikator, dette område og denne undergruppe (måske udfaset: genindsæt det i stedet).", "The goal already has a target for this indicator, area and subgroup (perhaps retired: bring that one back instead)."));
        }
        if (errors.Count > 0 || definition is null)
            return new(EditStatus.Invalid, [], Errors: errors);
        await InsertTargetAsync(connection, transaction, goalId, Normalise(definition), cancellationToken);
        return await FinishAsync(connection, transaction, claim.PlanId, before, edit, "SELECT row_version FROM goals WHERE id = @id", goalId, cancellationToken);
    }

    /// <summary>Deletes a goal or target that nothing depends on; otherwise says what blocks it (retire it instead).</summary>
    public async Task<EditResult> DeleteAsync(string entity, long id, EditContext edit, CancellationToken cancellationToken = default)
    {
        var isGoal = entity == "goal";
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var planOf = isGoal
            ? "SELECT plan_id FROM goals WHERE id = @id"
            : "SELECT g.plan_id FROM targets t JOIN goals g ON g.id = t.goal_id WHERE t.id = @id";
        if (await ClaimAsync(connection, transaction, isGoal ? "goals" : "targets", planOf, id, edit, cancellationToken) is not { } claim)
            return EditResult.NotFound;
        if (!claim.Claimed)
            return EditResult.Stale;
        var before = (await FrameworkState.LoadAsync(connection, transaction, claim.PlanId, cancellationToken))!;
        var blockers = isGoal
            ? await GoalBlockersAsync(connection, transaction, before, id, cancellationToken)
            : await TargetBlockersAsync(connection, transaction, before, id, cancellationToken);
        if (blockers.Count > 0)
            return new(EditStatus.Blocked, [], Blocker: $"The {entity} cannot be deleted: {string.Join("; ", blockers)}. Retire it instead (PATCH with {{\"retired\": true}}); it then leaves the status but keeps its history.");

        FrameworkChange change;
        if (isGoal)
        {
            var goal = before.Goals.Single(g => g.Id == id);
            change = new("goal", goal.GoalKey, PlanDefinitionDiff.Deleted, goal.ToJson(), null);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM goals WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }
        else
        {
            var target = before.Targets.Single(t => t.Id == id);
            change = new("target", target.Key, PlanDefinitionDiff.Deleted, target.ToJson(), null);
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM targets WHERE id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        }
        return await CommitAsync(connection, transaction, claim.PlanId, [change], edit, null, cancellationToken);
    }

    /// <summary>A JSON merge patch of an indicator's names, definition, decimals or influenceability; the code never changes.</summary>
    public Task<EditResult> PatchIndicatorAsync(string code, JsonObject patch, EditContext edit, CancellationToken cancellationToken = default) =>
        PatchCatalogAsync("indicator", code, patch, edit, cancellationToken);

    /// <summary>A JSON merge patch of an area's name or municipality; the code never changes.</summary>
    public Task<EditResult> PatchAreaAsync(string code, JsonObject patch, EditContext edit, CancellationToken cancellationToken = default) =>
        PatchCatalogAsync("area", code, patch, edit, cancellationToken);

    private async Task<EditResult> PatchCatalogAsync(string entity, string code, JsonObject patch, EditContext edit, CancellationToken cancellationToken)
    {
        var isIndicator = entity == "indicator";
        var editable = isIndicator
            ? new HashSet<string>(StringComparer.Ordinal) { "name", "nameEn", "definition", "decimals", "influenceable" }
            : new HashSet<string>(StringComparer.Ordinal) { "name", "municipalityCode" };
        if (MergePatch.FirstRefused(patch, editable, new HashSet<string>(StringComparer.Ordinal) { "code" }) is { } refused)
            return EditResult.Refused(refused);
        var table = CatalogTable(entity);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var version = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"UPDATE {table} SET row_version = row_version + 1 WHERE code = @code AND row_version = @ExpectedVersion RETURNING row_version",
            new { code, edit.ExpectedVersion }, transaction, cancellationToken: cancellationToken));
        if (version is null)
            return await ExistsAsync(connection, transaction, $"SELECT COUNT(*) FROM {table} WHERE code = @key", code, cancellationToken) ? EditResult.Stale : EditResult.NotFound;

        var before = await CatalogStateAsync(connection, transaction, entity, code, cancellationToken);
        var merged = MergePatch.Apply(before, patch)!.AsObject();
        var errors = new List<FieldError>();
        var name = Text(merged, "name", errors, required: true);
        if (isIndicator)
        {
            var nameEn = Text(merged, "nameEn", errors);
            var definition = Text(merged, "definition", errors);
            var decimals = Integer(merged, "decimals", errors);
            var influenceable = Flag(merged, "influenceable", errors);
            if (decimals is < 0 or > 6)
                errors.Add(new("decimals", decimals?.ToString(CultureInfo.InvariantCulture), "Brug 0 til 6 decimaler.", "Use 0 to 6 decimals."));
            if (errors.Count > 0)
                return new(EditStatus.Invalid, [], Errors: errors);
            await IndicatorStore.UpdateTextsAsync(connection, transaction, code, name!, nameEn, definition, decimals!.Value, influenceable, cancellationToken);
        }
        else
        {
            var municipality = Text(merged, "municipalityCode", errors);
            if (errors.Count > 0)
                return new(EditStatus.Invalid, [], Errors: errors);
            await ScopeStore.UpdateTextsAsync(connection, transaction, code, name!, municipality, cancellationToken);
        }
        var after = await CatalogStateAsync(connection, transaction, entity, code, cancellationToken);
        var changes = PlanDefinitionDiff.Compare([new(entity, code, before)], [new(entity, code, after)]);
        return await CommitAsync(connection, transaction, null, changes, edit, version, cancellationToken);
    }

    private static string CatalogTable(string entity) => entity switch
    {
        "indicator" => "indicators",
        "area" => "scopes",
        _ => throw new ArgumentOutOfRangeException(nameof(entity), entity, "Only indicators and areas are catalog rows."),
    };

    private static async Task<JsonObject> CatalogStateAsync(
        DbConnection connection, DbTransaction transaction, string entity, string code, CancellationToken cancellationToken)
    {
        if (entity == "indicator")
        {
            var row = await connection.QuerySingleAsync<(string Name, string? NameEn, string? Definition, int Decimals, bool Influenceable)>(new CommandDefinition(
                "SELECT name, name_en, definition, decimals, influenceable FROM indicators WHERE code = @code", new { code }, transaction,
                cancellationToken: cancellationToken));
            return new JsonObject
            {
                ["name"] = row.Name,
                ["nameEn"] = row.NameEn,
                ["definition"] = row.Definition,
                ["decimals"] = row.Decimals,
                ["influenceable"] = row.Influenceable,
            };
        }
        var scope = await connection.QuerySingleAsync<(string Name, string? MunicipalityCode)>(new CommandDefinition(
            "SELECT name, municipality_code FROM scopes WHERE code = @code", new { code }, transaction, cancellationToken: cancellationToken));
        return new JsonObject { ["name"] = scope.Name, ["municipalityCode"] = scope.MunicipalityCode };
    }

    private sealed record Claim(long PlanId, bool Claimed);

    /// <summary>
    /// Locks the plan row (moving its version, as every framework edit changes the plan definition),
    /// then claims the goal or target row against the expected version. Null when there is no such row.
    /// </summary>
    private static async Task<Claim?> ClaimAsync(
        DbConnection connection, DbTransaction transaction, string table, string planOf, long id, EditContext edit, CancellationToken cancellationToken)
    {
        var planId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            $"UPDATE plans SET row_version = row_version + 1 WHERE id = ({planOf}) RETURNING id", new { id }, transaction,
            cancellationToken: cancellationToken));
        if (planId is null)
            return null;
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET row_version = row_version + 1 WHERE id = @id AND row_version = @ExpectedVersion",
            new { id, edit.ExpectedVersion }, transaction, cancellationToken: cancellationToken));
        return new Claim(planId.Value, claimed == 1);
    }

    private async Task<EditResult> FinishAsync(
        DbConnection connection, DbTransaction transaction, long planId, FrameworkState before, EditContext edit,
        string versionSql, long id, CancellationToken cancellationToken)
    {
        var after = (await FrameworkState.LoadAsync(connection, transaction, planId, cancellationToken))!;
        var changes = PlanDefinitionDiff.Compare(before.Entities(), after.Entities());
        var version = await connection.ExecuteScalarAsync<long>(new CommandDefinition(versionSql, new { id }, transaction, cancellationToken: cancellationToken));
        return await CommitAsync(connection, transaction, planId, changes, edit, version, cancellationToken);
    }

    private async Task<EditResult> CommitAsync(
        DbConnection connection, DbTransaction transaction, long? planId, IReadOnlyList<FrameworkChange> changes, EditContext edit,
        long? version, CancellationToken cancellationToken)
    {
        if (edit.DryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            return new(EditStatus.DryRun, changes, edit.ExpectedVersion);
        }
        await FrameworkHistoryStore.RecordAsync(connection, transaction, planId, changes, edit.Actor, clock.GetUtcNow(), cancellationToken);
        await DataVersionStore.BumpAsync(connection, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(EditStatus.Saved, changes, version);
    }

    private static async Task<List<string>> TargetBlockersAsync(
        DbConnection connection, DbTransaction transaction, FrameworkState state, long id, CancellationToken cancellationToken)
    {
        var target = state.Targets.Single(t => t.Id == id);
        var blockers = new List<string>();
        var observations = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            SELECT COUNT(*) FROM observations o JOIN series s ON s.id = o.series_id
            WHERE s.indicator_code = @IndicatorCode AND s.scope_code = @ScopeCode AND s.subgroup = @Subgroup
            """,
            new { target.IndicatorCode, target.ScopeCode, target.Subgroup }, transaction, cancellationToken: cancellationToken));
        if (observations > 0)
            blockers.Add($"{observations} observation(s) of {target.IndicatorCode} in {target.ScopeCode} are measured against it");
        var comments = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM comments WHERE goal_id = @GoalId AND indicator_code = @IndicatorCode",
            new { target.GoalId, target.IndicatorCode }, transaction, cancellationToken: cancellationToken));
        if (comments > 0)
            blockers.Add($"{comments} comment(s) are written about it");
        var snapshots = await SnapshotsMentioningAsync(connection, transaction, state.Plan.Slug, $"\"targetId\":{id.ToString(CultureInfo.InvariantCulture)},", cancellationToken);
        if (snapshots > 0)
            blockers.Add($"{snapshots} stored snapshot(s) show it");
        return blockers;
    }

    private static async Task<List<string>> GoalBlockersAsync(
        DbConnection connection, DbTransaction transaction, FrameworkState state, long id, CancellationToken cancellationToken)
    {
        var blockers = new List<string>();
        var subGoals = state.Goals.Count(g => g.ParentGoalId == id);
        if (subGoals > 0)
            blockers.Add($"it has {subGoals} sub-goal(s)");
        var targets = state.Targets.Count(t => t.GoalId == id);
        if (targets > 0)
            blockers.Add($"it has {targets} target(s), retired ones included");
        var comments = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM comments WHERE goal_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        if (comments > 0)
            blockers.Add($"{comments} comment(s) are written about it");
        var snapshots = await SnapshotsMentioningAsync(connection, transaction, state.Plan.Slug, $"\"id\":{id.ToString(CultureInfo.InvariantCulture)},\"key\":", cancellationToken);
        if (snapshots > 0)
            blockers.Add($"{snapshots} stored snapshot(s) show it");
        return blockers;
    }

    /// <summary>Snapshots are the status JSON as served (see PlanEvaluationSnapshotSource), so a row's id appears in them verbatim.</summary>
    private static Task<long> SnapshotsMentioningAsync(
        DbConnection connection, DbTransaction transaction, string slug, string fragment, CancellationToken cancellationToken) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT COUNT(*) FROM plan_snapshots WHERE plan_slug = @slug AND content LIKE @pattern",
            new { slug, pattern = "%" + fragment + "%" }, transaction, cancellationToken: cancellationToken));

    private async Task<IReadOnlyList<FieldError>> ValidateTargetAsync(
        DbConnection connection, DbTransaction transaction, FrameworkState state, TargetDefinition target, CancellationToken cancellationToken)
    {
        // The target is checked by the plan validator as the only target of a stand-in plan, so a
        // patched target meets exactly the rules a posted plan does; its field paths are stripped back.
        const string Prefix = "goals[0].targets[0].";
        var plan = new PlanDefinition(state.Plan.Slug, state.Plan.Name, state.Plan.MunicipalityCode, state.Plan.FundingPeriod, state.Plan.Status, [],
            [new GoalDefinition("K", "T", null, null, null, null, [target], [])]);
        var errors = PlanDefinitionValidator.Validate(
            plan, await CodesAsync(connection, "indicators", cancellationToken, transaction), await CodesAsync(connection, "scopes", cancellationToken, transaction),
            await dimensions.ListAsync(cancellationToken));
        return errors.Where(e => e.Field.StartsWith(Prefix, StringComparison.Ordinal))
            .Select(e => e with { Field = e.Field[Prefix.Length..] }).ToList();
    }

    private static TargetDefinition? ReadTarget(JsonObject json, List<FieldError> errors)
    {
        try
        {
            var target = json.Deserialize<TargetDefinition>(MetadataJson.Options);
            if (target is null || target.Indicator is null || target.Scope is null)
            {
                errors.Add(new(target?.Indicator is null ? "indicator" : "scope", null, "Skal udfyldes.", "Required."));
                return null;
            }
            return target;
        }
        catch (JsonException exception)
        {
            errors.Add(new((exception.Path ?? "$").TrimStart('$', '.'), null, "Ikke den forventede slags værdi.", "Not the expected type of value."));
            return null;
        }
    }

    private static IEnumerable<FieldError> RepeatedTargets(PlanDefinition plan)
    {
        IEnumerable<FieldError> Check(GoalDefinition goal, string path)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (goal.Targets?.Count ?? 0); i++)
            {
                var t = goal.Targets![i];
                if (!seen.Add(FrameworkState.TargetRow.TargetKey("", t.Indicator ?? "", t.Scope ?? "", t.Subgroup)))
                    yield return new($"{path}.targets[{i}]", t.Indicator, "Målet har to delmål for samme indikator, område og undergruppe.", "The goal has two targets for the same indicator, area and subgroup.");
            }
            for (var i = 0; i < (goal.SubGoals?.Count ?? 0); i++)
            {
                foreach (var error in Check(goal.SubGoals![i], $"{path}.subGoals[{i}]"))
                    yield return error;
            }
        }
        return (plan.Goals ?? []).SelectMany((g, i) => Check(g, $"goals[{i}]"));
    }

    /// <summary>The stored form: canonical periods, defaults filled, milestones in period order.</summary>
    private static TargetDefinition Normalise(TargetDefinition target) => target with
    {
        Subgroup = string.IsNullOrEmpty(target.Subgroup) ? null : target.Subgroup,
        BaselinePeriod = Canonical(target.BaselinePeriod),
        TargetPeriod = Canonical(target.TargetPeriod),
        Tolerance = target.Tolerance ?? TargetDefinition.DefaultTolerance,
        Weight = target.Weight ?? 1,
        Milestones = (target.Milestones ?? []).Select(m => new MilestoneDefinition(Canonical(m.Period)!, m.Value))
            .OrderBy(m => Period.Parse(m.Period)).ToList(),
    };

    private static string? Canonical(string? period) => period is null ? null : Period.Parse(period).ToString();

    private static async Task<long> InsertTargetAsync(
        DbConnection connection, DbTransaction transaction, long goalId, TargetDefinition target, CancellationToken cancellationToken)
    {
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            INSERT INTO targets (goal_id, indicator_code, scope_code, subgroup, tolerance, weight)
            VALUES (@goalId, @Indicator, @Scope, @Subgroup, 0, 1)
            RETURNING id
            """,
            new { goalId, target.Indicator, target.Scope, Subgroup = target.Subgroup ?? "" }, transaction, cancellationToken: cancellationToken));
        await WriteTargetAsync(connection, transaction, id, target, null, cancellationToken);
        return id;
    }

    private static async Task WriteTargetAsync(
        DbConnection connection, DbTransaction transaction, long id, TargetDefinition target, string? retiredAt, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE targets SET baseline_period = @BaselinePeriod, baseline_value = @BaselineValue, target_period = @TargetPeriod,
                   target_value = @TargetValue, tolerance = @Tolerance, weight = @Weight, benchmark_scope_code = @BenchmarkScope,
                   retired_at = @retiredAt
            WHERE id = @id
            """,
            new
            {
                target.BaselinePeriod, target.BaselineValue, target.TargetPeriod, target.TargetValue,
                Tolerance = target.Tolerance ?? TargetDefinition.DefaultTolerance, Weight = target.Weight ?? 1, target.BenchmarkScope, retiredAt, id,
            },
            transaction, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM target_milestones WHERE target_id = @id", new { id }, transaction, cancellationToken: cancellationToken));
        foreach (var milestone in target.Milestones ?? [])
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO target_milestones (target_id, period, value) VALUES (@id, @Period, @Value)",
                new { id, milestone.Period, milestone.Value }, transaction, cancellationToken: cancellationToken));
        }
    }

    private static Task<int> RetireAsync(DbConnection connection, DbTransaction transaction, string table, long id, string now, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE {table} SET retired_at = @now, row_version = row_version + 1 WHERE id = @id AND retired_at IS NULL",
            new { now, id }, transaction, cancellationToken: cancellationToken));

    private static async Task<bool> ExistsAsync(DbConnection connection, DbTransaction transaction, string sql, string key, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql, new { key }, transaction, cancellationToken: cancellationToken)) > 0;

    private static async Task<IReadOnlySet<string>> CodesAsync(
        DbConnection connection, string table, CancellationToken cancellationToken, DbTransaction? transaction = null) =>
        (await connection.QueryAsync<string>(new CommandDefinition($"SELECT code FROM {table}", transaction: transaction, cancellationToken: cancellationToken)))
            .ToHashSet(StringComparer.Ordinal);

    private string Now() => clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);

    private static string? Text(JsonObject json, string name, List<FieldError> errors, bool required = false)
    {
        var node = json[name];
        if (node is null)
        {
            if (required)
                errors.Add(new(name, null, "Skal udfyldes.", "Required."));
            return null;
        }
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            errors.Add(new(name, node.ToJsonString(), "Skal være tekst.", "Must be text."));
            return null;
        }
        if (required && string.IsNullOrWhiteSpace(text))
            errors.Add(new(name, text, "Skal udfyldes.", "Required."));
        return text;
    }

    private static bool Flag(JsonObject json, string name, List<FieldError> errors)
    {
        var node = json[name];
        if (node is null)
            return false;
        if (node is JsonValue value && value.TryGetValue<bool>(out var flag))
            return flag;
        errors.Add(new(name, node.ToJsonString(), "Skal være true eller false.", "Must be true or false."));
        return false;
    }

    private static int? Integer(JsonObject json, string name, List<FieldError> errors)
    {
        var node = json[name];
        if (node is JsonValue value && value.TryGetValue<int>(out var number))
            return number;
        if (node is JsonValue other && other.TryGetValue<double>(out var real) && real == Math.Floor(real) && real is >= int.MinValue and <= int.MaxValue)
            return (int)real;
        errors.Add(new(name, node?.ToJsonString(), "Skal være et helt tal.", "Must be a whole number."));
        return null;
    }
}
