using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The sample sub-agreements and activities raise every kind of proposal in both sample plans.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ChainSamplesTests(DatabaseProvider provider)
{
    [Test]
    public async Task Each_sample_plan_raises_a_strategic_a_cooperation_and_a_priority_proposal_with_evidence()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var client = api.ClientWithKey(null);

        foreach (var slug in new[] { "oesterby-nord", "vesteraa-parkerne" })
        {
            var subAgreements = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}/subagreements");
            var proposals = await client.GetFromJsonAsync<JsonElement>($"/api/v1/plans/{slug}/proposals");

            Assert.That(subAgreements.GetArrayLength(), Is.GreaterThanOrEqualTo(3), slug);
            Assert.That(proposals.EnumerateArray().Select(p => p.GetProperty("decisionType").GetString()).Distinct(),
                Is.EquivalentTo(new[] { "strategisk", "samarbejde", "prioritering" }), slug);
            Assert.That(proposals.EnumerateArray().All(p => p.GetProperty("evidence").GetArrayLength() >= 2 && p.GetProperty("goalId").ValueKind == JsonValueKind.Number),
                Is.True, slug);
        }
    }

    [Test]
    public async Task The_sample_chain_is_dated_from_its_agreements_start_so_a_past_asOf_shows_it()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var client = api.ClientWithKey(null);

        var in2024 = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/subagreements?asOf=2024-06-30");
        var in2021 = await client.GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/subagreements?asOf=2021-06-30");

        Assert.That(in2024.GetArrayLength(), Is.EqualTo(4), "the sample agreements run from 2023");
        Assert.That(in2021.GetArrayLength(), Is.Zero, "nothing was agreed before 2022");
    }

    [Test]
    public async Task Sub_agreements_and_proposals_come_as_Danish_Excel_CSV_with_one_row_per_activity()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var client = api.ClientWithKey(null);

        var subAgreements = await client.GetStringAsync("/api/v1/plans/oesterby-nord/subagreements?format=csv&dialect=da");
        var proposals = await client.GetStringAsync("/api/v1/plans/oesterby-nord/proposals?format=csv&dialect=da");
        var lines = subAgreements.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);

        Assert.That(lines[0].TrimEnd('\r'), Does.StartWith("delaftale;styregruppe;periode;aktivitet_id;aktivitet;ansvarlig"));
        Assert.That(lines, Has.Length.EqualTo(1 + 10), "the header and the ten sample activities of Østerby Nord");
        Assert.That(lines, Has.Some.Contains("Gadeplansindsats").And.Some.Contains(";forsinket;"));
        Assert.That(proposals.TrimStart('\uFEFF'), Does.StartWith("nøgle;type;tilstand;spørgsmål").And.Contain(";åben;"));
    }
}
