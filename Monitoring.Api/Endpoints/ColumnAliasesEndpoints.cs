using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Import.Formats;
using Monitoring.Ingest.Metadata;

namespace Monitoring.Api.Endpoints;

/// <summary>Header names a deployment adds to the built-in Danish and English ones, so its own exports import as they are.</summary>
public static class ColumnAliasesEndpoints
{
    public static void MapColumnAliasesEndpoints(this RouteGroupBuilder api)
    {
        var aliases = api.MapGroup("/column-aliases").WithTags("Imports");
        aliases.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.Read)
            .WithName("ListColumnAliases")
            .Produces<IReadOnlyList<ColumnAliasView>>()
            .WithSummary("Every header name an import reads as a canonical column: the built-in Danish and English names " +
                         "(source 'built-in') and those added as metadata (source 'metadata'), which take precedence.");
        aliases.MapPut("/{alias}", PutAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("PutColumnAlias")
            .Produces<ColumnAliasView>()
            .Produces<ColumnAliasView>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary("Read the header {alias} (any case, spaces around ignored) as the column given in the body's 'column' " +
                         "(indicator, area, period, value, numerator, denominator, subgroup). 201 when new, 200 when repointed.");
        aliases.MapDelete("/{alias}", DeleteAsync)
            .RequireAuthorization(Policies.Write)
            .WithName("DeleteColumnAlias")
            .Produces(StatusCodes.Status204NoContent)
            .WithSummary("Stop reading the header {alias} as a column (built-in names stay).");
    }

    private static async Task<IResult> ListAsync(ColumnAliasStore store, CancellationToken cancellationToken)
    {
        var added = (await store.ListAsync(cancellationToken)).Select(a => new ColumnAliasView(a.Alias, a.Column, "metadata"));
        var builtIn = HeaderMap.BuiltIn.Select(a => new ColumnAliasView(a.Key, a.Value, "built-in"));
        return TypedResults.Ok(added.Concat(builtIn).ToList());
    }

    private static async Task<IResult> PutAsync(string alias, ColumnAliasBody body, ColumnAliasStore store, CancellationToken cancellationToken)
    {
        var columns = HeaderMap.RequiredColumns.Concat(HeaderMap.OptionalColumns).ToList();
        var errors = new List<FieldError>();
        var key = ColumnAliasStore.Normalise(alias);
        if (key.Length is 0 or > 100)
            errors.Add(new("alias", alias, "Skriv en kolonneoverskrift på 1–100 tegn.", "Give a header name of 1–100 characters."));
        else if (columns.Contains(key, StringComparer.Ordinal))
            errors.Add(new("alias", alias, $"'{key}' er allerede navnet på en kolonne.", $"'{key}' is already the name of a column."));
        var column = body.Column?.Trim().ToLowerInvariant();
        if (column is null || !columns.Contains(column, StringComparer.Ordinal))
        {
            errors.Add(new("column", body.Column,
                $"Vælg en af kolonnerne {string.Join(", ", columns)}.", $"Choose one of the columns {string.Join(", ", columns)}."));
        }
        if (errors.Count > 0)
            return Problems.InvalidFields("The column alias is not valid", errors);
        var created = await store.PutAsync(key, column!, cancellationToken);
        var view = new ColumnAliasView(key, column!, "metadata");
        return created ? TypedResults.Created($"/api/v1/column-aliases/{Uri.EscapeDataString(key)}", view) : TypedResults.Ok(view);
    }

    private static async Task<IResult> DeleteAsync(string alias, ColumnAliasStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(alias, cancellationToken) ? TypedResults.NoContent() : Problems.NotFound("Column alias", alias);
}

/// <summary>The body of <c>PUT /column-aliases/{alias}</c>.</summary>
public sealed record ColumnAliasBody(string? Column);

/// <summary>A header name and the column it is read as; <see cref="Source"/> is built-in or metadata.</summary>
public sealed record ColumnAliasView(string Alias, string Column, string Source);
