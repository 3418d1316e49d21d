using System.Globalization;
using CsvHelper;
using Monitoring.Api.Http;
using Monitoring.Core.Chain;

namespace Monitoring.Api.Endpoints;

/// <summary>
/// The plan's sub-agreements as one row per activity, for the secretariat's spreadsheet: the
/// sub-agreement beside each activity, its status, dates, milestones and money planned and spent.
/// </summary>
internal static class SubAgreementsCsv
{
    private static readonly string[] Danish =
        ["delaftale", "styregruppe", "periode", "aktivitet_id", "aktivitet", "ansvarlig", "start", "slut", "status", "milepæle", "budget_planlagt", "budget_brugt", "meldt_af", "gælder_fra"];

    private static readonly string[] International =
        ["subAgreement", "steeringGroup", "period", "activityId", "activity", "partner", "start", "end", "status", "milestones", "budgetPlanned", "budgetSpent", "changedBy", "validFrom"];

    public static byte[] Write(IReadOnlyList<SubAgreement> subAgreements, CsvDialect dialect)
    {
        var danish = dialect == CsvDialect.Danish;
        var culture = danish ? CultureInfo.GetCultureInfo("da-DK") : CultureInfo.InvariantCulture;
        using var buffer = new MemoryStream();
        using (var writer = CsvWriter.Create(buffer, dialect.WriterOptions(), leaveOpen: true))
        {
            writer.WriteHeader(danish ? Danish : International);
            foreach (var s in subAgreements)
            {
                foreach (var a in s.Activities)
                {
                    var milestones = string.Join(" | ", a.Milestones.Select(m =>
                        $"{m.Title} ({m.Due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}{(m.Done ? danish ? ", nået" : ", done" : "")})"));
                    writer.WriteRecord([s.Title, s.SteeringGroup, s.Period, a.Id.ToString(CultureInfo.InvariantCulture), a.Title, a.Partner,
                        a.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), a.End.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                        danish ? ActivityStatus.Label(a.Status) : a.Status, milestones,
                        a.PlannedTotal.ToString(culture), a.SpentTotal.ToString(culture), a.ChangedBy,
                        a.ValidFrom.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)]);
                }
            }
        }
        return buffer.ToArray();
    }
}
