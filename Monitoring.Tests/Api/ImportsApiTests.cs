using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ImportsApiTests(DatabaseProvider provider)
{
    [Test]
    public async Task An_upload_creates_a_batch_that_can_be_read_back()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var response = await admin.PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2022,7,,,", "GRADE,AREA-A,2023,7.4,,,"), "karakterer.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Created), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("committed"));
        Assert.That(report.GetProperty("created").GetInt32(), Is.EqualTo(2));
        var id = report.GetProperty("batchId").GetInt64();
        Assert.That(response.Headers.Location!.ToString(), Is.EqualTo($"/api/v1/imports/{id}"));

        var batch = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/imports/{id}");
        Assert.That(batch.GetProperty("fileName").GetString(), Is.EqualTo("karakterer.csv"));
        Assert.That(batch.GetProperty("createdBy").GetString(), Is.EqualTo("Administrator"));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/imports");
        Assert.That(list.GetProperty("items").EnumerateArray().Select(b => b.GetProperty("id").GetInt64()), Is.EqualTo(new[] { id }));
    }

    [Test]
    public async Task A_rejected_upload_answers_422_with_the_row_errors_and_stores_nothing()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2022,7,,,", "GRADE,ATLANTIS,2023,7.4,,,")));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.That(error.GetProperty("row").GetInt32(), Is.EqualTo(3));
        Assert.That(error.GetProperty("column").GetString(), Is.EqualTo("area"));
        Assert.That(error.GetProperty("value").GetString(), Is.EqualTo("ATLANTIS"));
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("række 3"));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
        Assert.That(await api.Database.CountAsync("import_batches"), Is.Zero);
    }

    [Test]
    public async Task A_dry_run_upload_reports_counts_and_stores_nothing()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/imports?dryRun=true",
            MonitoringApiFactory.Upload(Csv.WithHeader("GRADE,AREA-A,2022,7,,,")));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("dryRun"));
        Assert.That(report.GetProperty("created").GetInt32(), Is.EqualTo(1));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task Uploading_the_same_file_again_is_reported_as_already_imported()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var content = Csv.WithHeader("GRADE,AREA-A,2022,7,,,");
        await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(content));

        var again = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(content));

        Assert.That(again.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var report = await again.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(report.GetProperty("status").GetString(), Is.EqualTo("alreadyImported"));
        Assert.That(await api.Database.CountAsync("import_batches"), Is.EqualTo(1));
    }

    [Test]
    public async Task An_upload_without_a_file_field_names_the_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/imports",
            new MultipartFormDataContent { { new StringContent("x"), "data" } });

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo("file"));
    }

    [Test]
    public async Task An_unknown_batch_is_a_404_problem()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        await ProblemJson.ReadAsync(await api.CreateClient().GetAsync("/api/v1/imports/999"), HttpStatusCode.NotFound);
    }
}
