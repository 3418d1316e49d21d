using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Ingest.Data;
using Monitoring.Ingest.Goals;

namespace Monitoring.Ingest.Cli;

/// <summary>
/// <c>sign-in-link NAME --role R [--plan SLUG]... [--hours N] [--base-url URL] [--steering-group G]</c>: a personal,
/// one-use sign-in link for a named person, as <c>POST /api/v1/sign-in-links</c> makes one.
/// </summary>
public static class SignInLinkCommand
{
    public static Command Create(Option<string?> connection)
    {
        var name = new Argument<string>("name") { Description = "The person the link is for, e.g. 'Mette Hansen'." };
        var grant = new GrantOptions();
        var hours = new Option<int>("--hours") { Description = "How many hours the link can be opened.", DefaultValueFactory = _ => 24 };
        var baseUrl = new Option<string?>("--base-url") { Description = "The service's address, put before the link's path (e.g. https://monitorering.kommune.dk)." };
        var steeringGroup = new Option<string?>("--steering-group")
        {
            Description = "Sign in for one steering group (with --role viewer): the person may report that group's activities on the chain page.",
        };
        var command = new Command("sign-in-link", "Create a personal sign-in link (one use, short-lived); printed once, stored only as a hash.") { name, hours, baseUrl, steeringGroup };
        grant.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var host = CliHost.Build(parse, connection, runServer: _ => false);
            host.Services.GetRequiredService<SchemaMigrator>().Migrate();
            if (await grant.ProblemAsync(parse, host.Services.GetRequiredService<PlanStore>(), cancellationToken) is { } problem)
                return KeysCommand.Fail(problem);
            if (parse.GetValue(hours) is < 1 or > 24 * 14)
                return KeysCommand.Fail("--hours must be between 1 and 336.");
            var group = parse.GetValue(steeringGroup);
            if (group is not null && await SteeringGroupGrant.ProblemAsync(group, parse.GetValue(grant.Role)!, grant.Plans(parse),
                    host.Services.GetRequiredService<PlanStore>(), host.Services.GetRequiredService<ChainStore>(), cancellationToken) is { } groupProblem)
                return KeysCommand.Fail($"--{(groupProblem.Field == "role" ? "role" : "steering-group")} {groupProblem.Value}: {groupProblem.Message}");
            var person = parse.GetValue(name)!;
            var (id, token, expiresAt) = await host.Services.GetRequiredService<SignInLinkStore>().CreateAsync(
                person, parse.GetValue(grant.Role)!, grant.Plans(parse), TimeSpan.FromHours(parse.GetValue(hours)), AuditLog.CommandLineActor, group,
                cancellationToken);
            await host.Services.GetRequiredService<AuditLog>().RecordAsync(
                AuditLog.CommandLineActor, "sign-in-link.create", person,
                string.Create(CultureInfo.InvariantCulture, $"link {id}, role {parse.GetValue(grant.Role)}"), cancellationToken);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Sign-in link {id} for {person}, usable once until {expiresAt:u}:"));
            Console.WriteLine((parse.GetValue(baseUrl)?.TrimEnd('/') ?? "") + "/log-ind/link/" + token);
            return 0;
        });
        return command.AcceptingSettings();
    }
}
