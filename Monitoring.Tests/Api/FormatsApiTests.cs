using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The formats over the API and on the import page: detection and preview reported, overrides taken.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class FormatsApiTests(DatabaseProvider provider)
{
    static FormatsApiTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static byte[] DanishExport() =>
        Encoding.GetEncoding(1252).GetBytes("Indikator;Område;År;Værdi;Tæller;Nævner;Undergruppe\nPCT;Område A;2023;38,0;19;50;køn:kvinde\nPCT;AREA-B;2023;..;;;\n");

    [Test]
    public async Task A_header_name_added_over_the_api_is_used_by_the_next_upload_and_a_bad_one_is_refused_by_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var file = Encoding.UTF8.GetBytes("Nøgletal;Afdeling;Kvartal;Værdi\nGRADE;AREA-A;2023;7,1\n");

        var before = await admin.PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(file, "egen.csv"));
        var added = await admin.PutAsJsonAsync("/api/v1/column-aliases/Afdeling", new { column = "area" });
        await admin.PutAsJsonAsync("/api/v1/column-aliases/N%C3%B8gletal", new { column = "indicator" });
        await admin.PutAsJsonAsync("/api/v1/column-aliases/Kvartal", new { column = "period" });
        var after = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(file, "egen.csv"));
        var bad = await admin.PutAsJsonAsync("/api/v1/column-aliases/value", new { column = "omraade" });
        var anonymousWrite = await api.ClientWithKey(null).PutAsJsonAsync("/api/v1/column-aliases/Bydel", new { column = "area" });

        Assert.That(before.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(added.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Created), await after.Content.ReadAsStringAsync());
        var problem = await ProblemJson.ReadAsync(bad, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()),
            Is.EqualTo(new[] { "alias", "column" }));
        Assert.That(anonymousWrite.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/column-aliases");
        Assert.That(list.EnumerateArray().Where(a => a.GetProperty("source").GetString() == "metadata").Select(a => a.GetProperty("alias").GetString()),
            Is.EqualTo(new[] { "afdeling", "kvartal", "nøgletal" }));
        Assert.That(list.EnumerateArray().Any(a => a.GetProperty("alias").GetString() == "indikator" && a.GetProperty("source").GetString() == "built-in"));
    }

    [Test]
    public async Task A_dry_run_reports_encoding_dialect_layout_columns_preview_and_skipped_rows()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/imports?dryRun=true", MonitoringApiFactory.Upload(DanishExport(), "eksport.csv"));

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        var detected = report.GetProperty("detected");
        Assert.That(detected.GetProperty("encoding").GetString(), Is.EqualTo("windows-1252"));
        Assert.That(detected.GetProperty("dialect").GetString(), Is.EqualTo("semicolon, decimal comma"));
        Assert.That(detected.GetProperty("layout").GetString(), Is.EqualTo("long"));
        Assert.That(detected.GetProperty("columns")[1].GetProperty("header").GetString(), Is.EqualTo("Område"));
        var row = report.GetProperty("preview").EnumerateArray().Single();
        Assert.That((row.GetProperty("area").GetString(), row.GetProperty("subgroup").GetString(), row.GetProperty("value").GetDouble()),
            Is.EqualTo(("AREA-A", "koen:kvinde", 38.0)));
        Assert.That(report.GetProperty("skippedCount").GetInt32(), Is.EqualTo(1));
        Assert.That(report.GetProperty("created").GetInt32(), Is.EqualTo(1));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);
    }

    [Test]
    public async Task The_encoding_layout_and_sheet_can_be_chosen_on_upload()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var workbook = Xlsx.Workbook(("Forside", Xlsx.Sheet(["Tal findes på næste ark"])),
            ("Tal", Xlsx.Sheet(["indicator", "area", 2022, 2023], ["PCT", "AREA-A", 40, 41.5])));

        var wrong = await api.AdminClient().PostAsync("/api/v1/imports?encoding=utf-8", MonitoringApiFactory.Upload(DanishExport()));
        var sheet = await api.AdminClient().PostAsync("/api/v1/imports?sheet=Tal&layout=wide-periods", MonitoringApiFactory.Upload(workbook, "tal.xlsx"));

        var problem = await ProblemJson.ReadAsync(wrong, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors")[0].GetProperty("message").GetString(), Does.Contain("windows-1252"));
        Assert.That(sheet.StatusCode, Is.EqualTo(HttpStatusCode.Created), await sheet.Content.ReadAsStringAsync());
        var batch = await api.AdminClient().GetFromJsonAsync<JsonElement>(sheet.Headers.Location!.ToString());
        Assert.That(batch.GetProperty("format").GetString(), Is.EqualTo("xlsx; sheet 'Tal'; wide-periods"));
        Assert.That(await api.Database.CountAsync("observations"), Is.EqualTo(2));
    }

    [Test]
    public async Task The_import_page_previews_a_dry_run()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var analyst = await BrowserSession.SignInAsync(api, "analyst");
        var file = new ByteArrayContent(DanishExport());
        using var form = new MultipartFormDataContent
        {
            { file, "file", "eksport.csv" },
            { new StringContent("on"), "dryRun" },
        };

        var response = await analyst.PostMultipartAsync("/import", "/import", form);

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(html, Does.Contain("Prøvekørsel").And.Contain("windows-1252").And.Contain("<td>Område</td><td>area</td>")
            .And.Contain("id=\"forhaandsvisning\"").And.Contain("<td>koen:kvinde</td>").And.Contain("Sprunget over: 1"));
        Assert.That(await api.Database.CountAsync("observations"), Is.Zero);

        // The analyst who read the preview saves that very file with one click.
        var preview = Regex.Match(html, "name=\"preview\" value=\"([0-9a-f]{32})\"").Groups[1].Value;
        Assert.That(preview, Is.Not.Empty, "the trial offers to save the previewed file");
        var saved = WebUtility.HtmlDecode(await (await analyst.PostFormAsync("/import", "/import/bekraeft",
            ("preview", preview), ("fileName", "eksport.csv"), ("encoding", ""), ("layout", ""), ("sheet", ""))).Content.ReadAsStringAsync());
        var again = WebUtility.HtmlDecode(await (await analyst.PostFormAsync("/import", "/import/bekraeft",
            ("preview", preview), ("fileName", "eksport.csv"))).Content.ReadAsStringAsync());
        var forged = await analyst.PostFormAsync("/import", "/import/bekraeft", ("preview", "../../admin.key"));

        Assert.That(saved, Does.Contain("Importeret som batch"));
        Assert.That(await api.Database.CountAsync("observations"), Is.GreaterThan(0));
        Assert.That(again, Does.Contain("Prøvekørslen findes ikke længere"), "a preview is saved once");
        Assert.That(WebUtility.HtmlDecode(await forged.Content.ReadAsStringAsync()), Does.Contain("Prøvekørslen findes ikke længere"));
    }
}
