using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Resilience;

/// <summary>
/// A corpus of hostile requests generated here — malformed multipart, huge and strange cells,
/// non-ASCII digits, huge query strings, tampered cursors, bad periods, broken JSON, odd paths —
/// sent with the admin key, so nothing is stopped by access rules before it reaches the code.
/// Every one must answer a client error (never 500), no body may carry a stack trace, and the
/// database must be exactly as before.
/// </summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public partial class HostileInputTests(DatabaseProvider provider)
{
    private const string Boundary = "hostile-boundary";

    [Test]
    public async Task Hostile_requests_answer_client_errors_without_stack_traces_and_write_nothing()
    {
        await using var api = MonitoringApiFactory.StartWithSamples(provider);
        var admin = api.AdminClient();
        admin.Timeout = TimeSpan.FromSeconds(60);
        var before = await api.Database.SnapshotAsync();
        var corpus = Corpus(api.AdminKey).ToList();

        var failures = new List<string>();
        foreach (var (name, request) in corpus)
        {
            using var response = await admin.SendAsync(request());
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500)
                failures.Add($"{name}: {(int)response.StatusCode} {Cut(body)}");
            else if (StackFrame().IsMatch(body) || body.Contains("Exception", StringComparison.Ordinal))
                failures.Add($"{name}: stack trace or exception in the body: {Cut(body)}");
        }

        Assert.That(corpus, Has.Count.GreaterThanOrEqualTo(200));
        Assert.That(failures, Is.Empty, string.Join("\n", failures));
        Assert.That(await api.Database.SnapshotAsync(), Is.EqualTo(before), "nothing was written");
    }

    [Test]
    public async Task Every_malformed_multipart_upload_answers_400_with_a_problem()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var answers = new List<string>();
        foreach (var (name, contentType, body) in MalformedMultipart(api.AdminKey))
        {
            using var response = await admin.PostAsync("/api/v1/imports", Raw(contentType, body));
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != HttpStatusCode.BadRequest || mediaType != "application/problem+json")
                answers.Add($"{name}: {(int)response.StatusCode} {mediaType} {Cut(await response.Content.ReadAsStringAsync())}");
        }

        Assert.That(answers, Is.Empty, string.Join("\n", answers));
        Assert.That(await api.Database.CountAsync("import_batches"), Is.Zero);
    }

    private static string Cut(string body) => body.Length <= 300 ? body : body[..300] + "…";

    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>]+\(.*\)")]
    private static partial Regex StackFrame();

    private static IEnumerable<(string Name, Func<HttpRequestMessage> Request)> Corpus(string key)
    {
        var uploadRoutes = new[] { "/api/v1/imports", "/api/v1/imports?dryRun=true", "/import", "/planer/oesterby-nord/ramme", "/indikatorer/BESK_UDENFOR_18_64/kommentarer" };
        foreach (var route in uploadRoutes)
        {
            foreach (var (name, contentType, body) in MalformedMultipart(key))
                yield return ($"multipart {name} → {route}", () => Post(route, Raw(contentType, body)));
        }
        foreach (var route in new[] { "/api/v1/imports", "/api/v1/imports?dryRun=true" })
        {
            foreach (var (name, file, fileName) in HostileFiles())
                yield return ($"file {name} → {route}", () => Post(route, Upload(file, fileName)));
        }
        var getRoutes = new[]
        {
            "/api/v1/observations?indicator=BESK_UDENFOR_18_64", "/api/v1/plans/oesterby-nord/status", "/api/v1/imports",
            "/api/v1/plans/oesterby-nord/brief.pdf", "/planer/oesterby-nord", "/api/v1/charts/targets/1.svg",
        };
        foreach (var route in getRoutes)
        {
            foreach (var (name, query) in HostileQueries())
                yield return ($"query {name} → {route}", () => new HttpRequestMessage(HttpMethod.Get, route + (route.Contains('?') ? "&" : "?") + query));
        }
        var jsonRoutes = new[]
        {
            (HttpMethod.Post, "/api/v1/indicators"), (HttpMethod.Post, "/api/v1/areas"), (HttpMethod.Post, "/api/v1/plans/oesterby-nord/comments"),
            (HttpMethod.Post, "/api/v1/observations/corrections"), (HttpMethod.Put, "/api/v1/plans/oesterby-nord"), (HttpMethod.Patch, "/api/v1/indicators/BESK_UDENFOR_18_64"),
            (HttpMethod.Post, "/api/v1/plans"),
        };
        foreach (var (method, route) in jsonRoutes)
        {
            foreach (var (name, json) in HostileJson())
            {
                yield return ($"json {name} → {method} {route}", () => new HttpRequestMessage(method, route)
                {
                    Content = new StringContent(json, Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json"),
                });
            }
        }
        foreach (var path in HostilePaths())
            yield return ($"path {path[..Math.Min(path.Length, 60)]}", () => new HttpRequestMessage(HttpMethod.Get, path));
        foreach (var path in new[] { "/api/v1/imports/999999/revert", "/api/v1/imports/-1/revert", "/api/v1/jobs/..%2F..%2Fetc/run", "/api/v1/jobs/nope/run" })
            yield return ($"post {path}", () => Post(path, new StringContent("")));
    }

    private static HttpRequestMessage Post(string route, HttpContent content) => new(HttpMethod.Post, route) { Content = content };

    private static ByteArrayContent Raw(string contentType, byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return content;
    }

    private static MultipartFormDataContent Upload(byte[] file, string fileName)
    {
        var part = new ByteArrayContent(file);
        part.Headers.TryAddWithoutValidation("Content-Type", "text/csv");
        return new MultipartFormDataContent { { part, "file", fileName } };
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Part(string disposition, string body, string? extraHeaders = null) =>
        $"--{Boundary}\r\nContent-Disposition: {disposition}\r\n{extraHeaders}Content-Type: text/csv\r\n\r\n{body}\r\n";

    private static IEnumerable<(string Name, string ContentType, byte[] Body)> MalformedMultipart(string key)
    {
        const string csv = "indicator,area,period,value,numerator,denominator,subgroup\nBESK_UDENFOR_18_64,0901-SOLHAVEN,2031,50,,,\n";
        var ok = $"multipart/form-data; boundary={Boundary}";
        var keyPart = $"--{Boundary}\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\n{key}\r\n";
        yield return ("quote in file name", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a\"b.csv\"", csv) + $"--{Boundary}--\r\n"));
        yield return ("CRLF in file name", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a\r\nb.csv\"", csv) + $"--{Boundary}--\r\n"));
        yield return ("unterminated quote", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a.csv", csv) + $"--{Boundary}--\r\n"));
        yield return ("missing boundary", "multipart/form-data", Utf8(Part("form-data; name=\"file\"; filename=\"a.csv\"", csv) + $"--{Boundary}--\r\n"));
        yield return ("wrong boundary", "multipart/form-data; boundary=other", Utf8(Part("form-data; name=\"file\"; filename=\"a.csv\"", csv) + $"--{Boundary}--\r\n"));
        yield return ("empty boundary", "multipart/form-data; boundary=", Utf8(Part("form-data; name=\"file\"; filename=\"a.csv\"", csv)));
        yield return ("truncated body", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a.csv\"", csv)[..60]));
        yield return ("no closing boundary", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a.csv\"", csv)));
        yield return ("1,100 parts", ok, Utf8(string.Concat(Enumerable.Range(0, 1100).Select(i => $"--{Boundary}\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n{i}\r\n"))
            + Part("form-data; name=\"file\"; filename=\"a.csv\"", csv) + $"--{Boundary}--\r\n"));
        yield return ("20 KB part header", ok, Utf8(keyPart + Part("form-data; name=\"file\"; filename=\"a.csv\"", csv, $"X-Padding: {new string('x', 20 * 1024)}\r\n") + $"--{Boundary}--\r\n"));
        yield return ("no disposition", ok, Utf8($"--{Boundary}\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n--{Boundary}--\r\n"));
        yield return ("header without colon", ok, Utf8($"--{Boundary}\r\nthis is not a header\r\n\r\n{csv}\r\n--{Boundary}--\r\n"));
        yield return ("boundary of 200 characters", $"multipart/form-data; boundary={new string('b', 200)}", Utf8($"--{new string('b', 200)}\r\n\r\n--{new string('b', 200)}--\r\n"));
        yield return ("binary noise", ok, Enumerable.Range(0, 4096).Select(i => (byte)(i * 37 % 251)).ToArray());
    }

    private static IEnumerable<(string Name, byte[] File, string FileName)> HostileFiles()
    {
        const string header = "indicator,area,period,value,numerator,denominator,subgroup\n";
        var huge = new string('7', 2_000_000);
        yield return ("three 2 MB cells", Utf8(header + $"BESK_UDENFOR_18_64,0901-SOLHAVEN,2030,{huge},,,\n{huge},0901-SOLHAVEN,2031,50,,,\nBESK_UDENFOR_18_64,{huge},2032,50,,,\n"), "huge.csv");
        yield return ("Arabic-Indic digits", Utf8(header + "BESK_UDENFOR_18_64,0901-SOLHAVEN,٢٠٣٠,٥٠,,,\n"), "arabic.csv");
        yield return ("full-width digits", Utf8(header + "BESK_UDENFOR_18_64,0901-SOLHAVEN,２０３０,５０,,,\n"), "fullwidth.csv");
        yield return ("Devanagari digits in counts", Utf8(header + "BESK_UDENFOR_18_64,0901-SOLHAVEN,2030,50,५,१०,\n"), "devanagari.csv");
        yield return ("superscript digits", Utf8(header + "BESK_UDENFOR_18_64,0901-SOLHAVEN,2030,5²,,,\n"), "super.csv");
        yield return ("NUL bytes", Utf8(header + "BESK_UDENFOR_18_64\0,0901-SOLHAVEN,2030,50,,,\n"), "nul.csv");
        yield return ("invalid UTF-8", [.. Utf8(header), 0xC3, 0x28, 0xFF, 0xFE, (byte)',', (byte)'1', (byte)'\n'], "bad-utf8.csv");
        yield return ("formula cells", Utf8(header + "=CMD|' /C calc'!A0,0901-SOLHAVEN,2030,50,,,\n"), "formula.csv");
        yield return ("5,000 columns", Utf8(string.Join(',', Enumerable.Range(0, 5000).Select(i => $"c{i}")) + "\n" + string.Join(',', Enumerable.Range(0, 5000)) + "\n"), "wide.csv");
        yield return ("one 3 MB line without newline", Utf8(new string('a', 3_000_000)), "line.csv");
        yield return ("garbage named .xlsx", Enumerable.Range(0, 2048).Select(i => (byte)(i % 256)).ToArray(), "sheet.xlsx");
        yield return ("zip bomb header named .xlsx", [0x50, 0x4B, 0x03, 0x04, .. new byte[100]], "bomb.xlsx");
        yield return ("NaN and infinities", Utf8(header + "BESK_UDENFOR_18_64,0901-SOLHAVEN,2030,NaN,,,\nBESK_UDENFOR_18_64,0901-SOLHAVEN,2031,Infinity,,,\nBESK_UDENFOR_18_64,0901-SOLHAVEN,2032,1e309,,,\n"), "nan.csv");
        yield return ("only a header", Utf8(header), "empty.csv");
    }

    private static IEnumerable<(string Name, string Query)> HostileQueries()
    {
        yield return ("period 2024K5", "period=2024K5&asOf=2024K5");
        yield return ("period 2024M13", "period=2024M13&asOf=2024M13");
        yield return ("period 99999", "period=99999&asOf=99999");
        yield return ("period -1", "period=-1&asOf=-1");
        yield return ("period Arabic-Indic", "period=%D9%A2%D9%A0%D9%A2%D9%A4&asOf=%D9%A2%D9%A0%D9%A2%D9%A4");
        yield return ("limit Arabic-Indic", "limit=%D9%A5");
        yield return ("limit huge", "limit=99999999999999999999");
        yield return ("limit negative", "limit=-5");
        yield return ("cursor random", "cursor=AAAA$$$");
        yield return ("cursor id:-1", "cursor=" + Convert.ToBase64String(Encoding.ASCII.GetBytes("id:-1")).TrimEnd('='));
        yield return ("cursor at:garbage", "cursor=" + Convert.ToBase64String(Encoding.ASCII.GetBytes("at:garbage|x|y")).TrimEnd('='));
        yield return ("cursor 10 KB", "cursor=" + new string('A', 10_000));
        yield return ("query 60 KB", "indicator=" + new string('x', 60_000));
        yield return ("width 1e9", "width=1000000000&height=1000000000");
        yield return ("nextMeeting garbage", "nextMeeting=not-a-date&asOf=2024");
        yield return ("NUL in value", "indicator=%00%00&area=%00");
    }

    private static IEnumerable<(string Name, string Json)> HostileJson()
    {
        yield return ("truncated", "{\"code\": \"X");
        yield return ("wrong types", "{\"code\": 5, \"name\": [], \"unit\": {}}");
        yield return ("unknown enum", "{\"code\": \"X1\", \"name\": \"x\", \"unit\": \"bananas\", \"direction\": \"sideways\", \"text\": \"x\", \"kind\": \"nope\"}");
        yield return ("deep nesting", new string('[', 5000) + new string(']', 5000));
        yield return ("huge strings", "{\"code\": \"" + new string('x', 1_000_000) + "\", \"name\": \"" + new string('n', 1_000_000) + "\", \"text\": \"" + new string('y', 1_000_000) + "\"}");
        yield return ("not json", "<xml/>");
        yield return ("null", "null");
        yield return ("array", "[1,2,3]");
        yield return ("non-ASCII digits", "{\"value\": \"٥٠\", \"period\": \"٢٠٢٤\", \"indicator\": \"BESK_UDENFOR_18_64\", \"area\": \"0901-SOLHAVEN\", \"reason\": \"x\"}");
        yield return ("empty body", "");
    }

    private static IEnumerable<string> HostilePaths()
    {
        yield return "/api/v1/plans/" + new string('s', 5000);
        yield return "/api/v1/plans/..%2F..%2F..%2Fetc%2Fpasswd";
        yield return "/api/v1/plans/%01%7F";
        yield return "/api/v1/indicators/%E2%80%AE";
        yield return "/api/v1/charts/targets/99999999999999999999.svg";
        yield return "/api/v1/charts/targets/1.exe";
        yield return "/api/v1/imports/uploads/..%2F..%2Fadmin.key";
        yield return "/api/v1/plans/oesterby-nord/snapshots/2024K9";
        yield return "/api/v1/plans/oesterby-nord/briefs/-1";
        yield return "/indikatorer/%3Cscript%3E?area=%3Cscript%3E&note=%3Cscript%3E";
        yield return "/planer/oesterby-nord/maal/99999999999";
        yield return "/api/v1/targets/0/evaluation?asOf=2024K9";
    }
}
