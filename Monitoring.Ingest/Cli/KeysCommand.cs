using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Data;
using Spectre.Console;

namespace Monitoring.Ingest.Cli;

/// <summary>
/// <c>keys create NAME --role R [--plan SLUG]... [--expires DATE]</c>, <c>keys list</c>,
/// <c>keys revoke ID</c>: the API keys, as admins manage them over <c>/api/v1/keys</c>.
/// </summary>
public static class KeysCommand
{
    public static Command Create(Option<string?> connection)
    {
        var command = new Command("keys", "Create, list and revoke API keys.") { CreateKey(connection), List(connection), Revoke(connection) };
        return command;
    }

    private static Command CreateKey(Option<string?> connection)
    {
        var name = new Argument<string>("name") { Description = "Who or what holds the key, e.g. 'BI-udtræk'." };
        var grant = new GrantOptions();
        var expires = new Option<DateTimeOffset?>("--expires") { Description = "When the key stops working (ISO 8601, e.g. 2027-01-31)." };
        var command = new Command("create", "Create a key; it is printed once and stored only as a hash.") { name, expires };
        grant.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            if (await grant.ProblemAsync(parse, host.Services.GetRequiredService<PlanStore>(), cancellationToken) is { } problem)
                return Fail(problem);
            if (parse.GetValue(expires) is { } expiry && expiry <= DateTimeOffset.UtcNow)
                return Fail("--expires must lie in the future.");
            var (id, key) = await host.Services.GetRequiredService<ApiKeyStore>().CreateAsync(
                parse.GetValue(name)!, parse.GetValue(grant.Role)!, grant.Plans(parse), parse.GetValue(expires), cancellationToken);
            await host.Services.GetRequiredService<AuditLog>().RecordAsync(
                AuditLog.CommandLineActor, "key.create", string.Create(CultureInfo.InvariantCulture, $"key {id}"),
                $"{parse.GetValue(name)}, role {parse.GetValue(grant.Role)}", cancellationToken);
            // The key on standard output alone, so it can be piped into a secret store; the note goes to standard error.
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Key {id} created. It is shown once:"));
            Console.WriteLine(key);
            return 0;
        });
        return command.AcceptingSettings();
    }

    private static Command List(Option<string?> connection)
    {
        var command = new Command("list", "List the keys: role, plan scope, expiry, last use; never the secret.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var table = new Table().AddColumns("id", "name", "role", "plans", "created", "expires", "last used", "revoked");
            foreach (var k in await host.Services.GetRequiredService<ApiKeyStore>().ListAsync(cancellationToken))
            {
                table.AddRow(k.Id.ToString(CultureInfo.InvariantCulture), Markup.Escape(k.Name), k.Role,
                    Markup.Escape(k.PlanScope.Count == 0 ? "all" : string.Join(",", k.PlanScope)), When(k.CreatedAt), When(k.ExpiresAt),
                    When(k.LastUsedAt), When(k.RevokedAt));
            }
            AnsiConsole.Write(table);
            return 0;
        });
        return command.AcceptingSettings();
    }

    private static Command Revoke(Option<string?> connection)
    {
        var id = new Argument<long>("id") { Description = "The key to revoke (see 'keys list')." };
        var command = new Command("revoke", "Revoke a key; from then on it answers 401 everywhere.") { id };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            var keyId = parse.GetValue(id);
            if (!await host.Services.GetRequiredService<ApiKeyStore>().RevokeAsync(keyId, cancellationToken))
                return Fail(string.Create(CultureInfo.InvariantCulture, $"No key {keyId}."));
            await host.Services.GetRequiredService<AuditLog>().RecordAsync(
                AuditLog.CommandLineActor, "key.revoke", string.Create(CultureInfo.InvariantCulture, $"key {keyId}"), null, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Key {keyId} revoked."));
            return 0;
        });
        return command.AcceptingSettings();
    }

    internal static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }

    private static string When(DateTimeOffset? at) => at?.ToString("u", CultureInfo.InvariantCulture) ?? "";
}
