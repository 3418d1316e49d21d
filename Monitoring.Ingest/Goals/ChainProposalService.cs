using Monitoring.Core.Chain;
using Monitoring.Core.Model;
using Monitoring.Core.Periods;
using Monitoring.Ingest.Data;

namespace Monitoring.Ingest.Goals;

/// <summary>
/// The matters proposed for the board from a plan's current evaluation and activities
/// (<see cref="ChainProposalRules"/>), with what the secretariat did with each. Confirming one makes
/// it a decision comment through <see cref="CommentStore"/>, so it reaches the brief's
/// "Sager til bestyrelsen" like any decision the secretariat wrote itself.
/// </summary>
public sealed class ChainProposalService(PlanStore plans, ChainStore chain, PlanEvaluationCache evaluations, ChainProposalDecisionStore decisions, CommentStore comments, TimeProvider clock)
{
    /// <summary>The plan's proposals, open ones first; null when there is no such plan.</summary>
    public Task<IReadOnlyList<ProposalState>?> ListAsync(string slug, CancellationToken cancellationToken = default) =>
        ListAsync(slug, null, cancellationToken);

    /// <summary>
    /// The proposals the data gave at the end of <paramref name="asOf"/>: the goals evaluated on data up
    /// to then, the activities as they stood on its last day and their dates judged on that day.
    /// What the secretariat decided is today's.
    /// </summary>
    public async Task<IReadOnlyList<ProposalState>?> ListAsync(string slug, Period? asOf, CancellationToken cancellationToken = default)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return null;
        var evaluation = await evaluations.EvaluatePlanAsync(slug, asOf, cancellationToken);
        var subAgreements = await chain.ForPlanAsync(slug, EndOfDay(asOf), cancellationToken);
        var decided = await decisions.ForPlanAsync(plan.Id, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var judgedAt = asOf is { } p && p.LastDay < today ? p.LastDay : today;
        return ChainProposalRules.Propose(evaluation?.Goals ?? [], subAgreements, judgedAt)
            .Select(p => decided.TryGetValue(p.Key, out var d)
                ? new ProposalState(p, d.State, d.CommentId, d.DecidedBy)
                : new ProposalState(p, "open", null, null))
            .OrderBy(p => p.State == "open" ? 0 : 1)
            .ToList();
    }

    /// <summary>The moment a period's activities are read at: the end of its last day, UTC.</summary>
    public static DateTimeOffset? EndOfDay(Period? period) =>
        period is { } p ? new DateTimeOffset(p.LastDay.ToDateTime(TimeOnly.MaxValue), TimeSpan.Zero) : null;

    /// <summary>
    /// Confirms an open proposal as a decision comment with the given (edited) question, or the
    /// proposed one with its evidence; the outcome says why not when it cannot.
    /// </summary>
    public async Task<(ProposalOutcome Outcome, Comment? Comment)> ConfirmAsync(
        string slug, string key, string? question, string author, CancellationToken cancellationToken = default)
    {
        var (outcome, planId, proposal) = await OpenProposalAsync(slug, key, cancellationToken);
        if (outcome != ProposalOutcome.Done)
            return (outcome, null);
        var text = string.IsNullOrWhiteSpace(question)
            ? proposal!.Question + " Grundlag: " + string.Join(" ", proposal.Evidence)
            : question.Trim();
        var commentId = (await comments.CreateAsync(slug, proposal!.GoalId, null, null, author, text, CommentKinds.Decision, proposal.DecisionType, cancellationToken))!.Value;
        if (!await decisions.RecordAsync(planId, key, ChainProposalDecisionStore.Confirmed, commentId, author, cancellationToken))
            return (ProposalOutcome.AlreadyDecided, null);
        return (ProposalOutcome.Done, (await comments.ForPlanAsync(slug, cancellationToken)).First(c => c.Id == commentId));
    }

    public async Task<ProposalOutcome> DismissAsync(string slug, string key, string author, CancellationToken cancellationToken = default)
    {
        var (outcome, planId, _) = await OpenProposalAsync(slug, key, cancellationToken);
        if (outcome != ProposalOutcome.Done)
            return outcome;
        return await decisions.RecordAsync(planId, key, ChainProposalDecisionStore.Dismissed, null, author, cancellationToken)
            ? ProposalOutcome.Done
            : ProposalOutcome.AlreadyDecided;
    }

    private async Task<(ProposalOutcome, long PlanId, ChainProposal?)> OpenProposalAsync(string slug, string key, CancellationToken cancellationToken)
    {
        if (await plans.FindAsync(slug, cancellationToken) is not { } plan)
            return (ProposalOutcome.NoPlan, 0, null);
        var listed = (await ListAsync(slug, cancellationToken))!.FirstOrDefault(p => p.Proposal.Key == key);
        if (listed is null)
            return (ProposalOutcome.NoProposal, plan.Id, null);
        return listed.State == "open" ? (ProposalOutcome.Done, plan.Id, listed.Proposal) : (ProposalOutcome.AlreadyDecided, plan.Id, null);
    }
}

/// <summary>A proposal with what became of it: state open | confirmed | dismissed.</summary>
public sealed record ProposalState(ChainProposal Proposal, string State, long? CommentId, string? DecidedBy);

public enum ProposalOutcome
{
    Done,
    NoPlan,
    NoProposal,
    AlreadyDecided,
}
