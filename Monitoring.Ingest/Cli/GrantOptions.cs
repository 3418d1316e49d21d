using System.CommandLine;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Cli;

/// <summary>The <c>--role</c> and <c>--plan</c> options keys and sign-in links share, checked as the API checks them.</summary>
public sealed class GrantOptions
{
    public Option<string> Role { get; } = new("--role")
    {
        Description = $"One of {string.Join(", ", AccessRoles.All)}.",
        Required = true,
    };

    public Option<string[]> Plan { get; } = new("--plan")
    {
        Description = "A plan slug the holder may see; repeat for more; leave out for every plan.",
        AllowMultipleArgumentsPerToken = true,
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Role);
        command.Options.Add(Plan);
    }

    public IReadOnlyList<string> Plans(ParseResult parse) => parse.GetValue(Plan) ?? [];

    public async Task<string?> ProblemAsync(ParseResult parse, PlanStore plans, CancellationToken cancellationToken)
    {
        var role = parse.GetValue(Role);
        if (role is null || !AccessRoles.All.Contains(role))
            return $"--role must be one of {string.Join(", ", AccessRoles.All)}.";
        if (role == AccessRoles.Admin && Plans(parse).Count > 0)
            return "An admin manages every plan; give an admin no --plan.";
        foreach (var slug in Plans(parse))
        {
            if (await plans.FindAsync(slug, cancellationToken) is null)
                return $"There is no plan '{slug}'.";
        }
        return null;
    }
}
