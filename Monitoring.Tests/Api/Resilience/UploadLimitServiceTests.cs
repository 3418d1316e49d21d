using System.Net;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Resilience;

/// <summary>The upload limit in the real service on Kestrel, whose own body limit notices first.</summary>
[NonParallelizable]
public class UploadLimitServiceTests
{
    [Test]
    public async Task Kestrel_refuses_a_body_over_the_configured_limit_with_a_413_problem_naming_it()
    {
        await using var service = await ServiceProcess.StartAsync(new Dictionary<string, string> { ["Monitoring__Limits__MaxUploadBytes"] = "65536" });
        using var client = service.Client();
        client.DefaultRequestHeaders.Add("X-Api-Key", File.ReadAllText(Path.Combine(service.WorkFolder, "data", "admin.key")).Trim());
        var rows = Enumerable.Range(0, 3000).Select(i => $"KARAKTER_DANSK_9,0901-SOLHAVEN,{1000 + i},6.5,,,").ToArray();

        var response = await client.PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(Csv.WithHeader(rows)));
        var small = await client.PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(Csv.WithHeader("KARAKTER_DANSK_9,0901-SOLHAVEN,2025,6.5,,,")));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("65,536 bytes"));
        Assert.That(small.StatusCode, Is.EqualTo(HttpStatusCode.OK), "under the limit the same route works: " + await small.Content.ReadAsStringAsync());
    }
}
