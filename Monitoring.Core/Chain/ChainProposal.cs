namespace Monitoring.Core.Chain;

/// <summary>
/// A matter the data suggest the board should take up, in the handbook's three kinds
/// (<see cref="DecisionType"/>: strategisk, samarbejde, prioritering — the words of
/// <see cref="Model.CommentKinds.DecisionTypes"/>), with the question put to the board and the
/// evidence it rests on. <see cref="Key"/> is stable while the same facts hold, so the
/// secretariat's confirmation or dismissal stays attached to it.
/// </summary>
public sealed record ChainProposal(
    string Key,
    string DecisionType,
    string Question,
    long? GoalId,
    IReadOnlyList<long> ActivityIds,
    IReadOnlyList<string> Evidence);
