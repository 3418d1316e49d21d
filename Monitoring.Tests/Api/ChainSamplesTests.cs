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
}
