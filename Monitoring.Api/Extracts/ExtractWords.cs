using Monitoring.Api.Http;
using Monitoring.Core.Evaluation;
using Monitoring.Core.Model;

namespace Monitoring.Api.Extracts;

/// <summary>
/// The words in an extract's cells: the API's own values for programs (the international
/// dialect), Danish words for Danish Excel users (<c>dialect=da</c>).
/// </summary>
public sealed class ExtractWords(CsvDialect dialect)
{
    public bool Danish { get; } = dialect == CsvDialect.Danish;

    public string YesNo(bool value) => Danish ? value ? "ja" : "nej" : value ? "true" : "false";

    public string Status(TargetStatus status) => Danish ? TargetStatusText.Danish(status) : EnumText.ToText(status);

    public string Unit(IndicatorUnit unit) => !Danish ? EnumText.ToText(unit) : unit switch
    {
        IndicatorUnit.Percent => "procent",
        IndicatorUnit.Count => "antal",
        IndicatorUnit.Rate => "rate",
        IndicatorUnit.Grade => "karakter",
        IndicatorUnit.Index => "indeks",
        _ => "kr.",
    };

    public string GoalKind(GoalKind kind) => !Danish ? EnumText.ToText(kind) : kind == Core.Model.GoalKind.Strategic ? "strategisk mål" : "delmål";

    /// <summary>The flags joined by <c>|</c>, as the observations API writes them, or in Danish.</summary>
    public string Flags(ObservationFlags flags) => !Danish
        ? Endpoints.ObservationDto.FlagNames(flags)
        : string.Join('|', new[]
            {
                (ObservationFlags.Provisional, "foreløbig"), (ObservationFlags.Revised, "revideret"), (ObservationFlags.Suppressed, "skjult"),
            }
            .Where(f => flags.HasFlag(f.Item1)).Select(f => f.Item2));

    public string[] Header(string[] english, string[] danish) => Danish ? danish : english;
}
