using System.Net;
using System.Net.Http.Json;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>
/// The OpenAPI document is part of the API's contract: the served document must equal the committed
/// <c>openapi/v1.json</c>, so every API change shows up as a reviewed diff. After an intended change,
/// regenerate it with <c>MONITORING_UPDATE_OPENAPI=1 dotnet test --filter Name~committed_openapi</c>.
/// </summary>
public class OpenApiDocumentTests
{
    private static readonly string Committed = Path.Combine(RepositoryPaths.Root, "openapi", "v1.json");

    private static async Task<string> ServedAsync()
    {
        await using var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var json = await api.ClientWithKey(null).GetStringAsync("/swagger/v1/swagger.json");
        return Normalised(json);
    }

    private static string Normalised(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    [Test]
    public async Task The_served_document_equals_the_committed_openapi_v1_json()
    {
        var served = await ServedAsync();
        if (Environment.GetEnvironmentVariable("MONITORING_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Committed)!);
            await File.WriteAllTextAsync(Committed, served);
        }

        Assert.That(File.Exists(Committed), Is.True, $"{Committed} is missing; generate it with MONITORING_UPDATE_OPENAPI=1.");
        var committed = Normalised(await File.ReadAllTextAsync(Committed));
        Assert.That(served, Is.EqualTo(committed),
            "The served OpenAPI document differs from openapi/v1.json. If the API change is intended, regenerate the file " +
            "(MONITORING_UPDATE_OPENAPI=1 dotnet test --filter Name~committed_openapi) and commit the diff.");
    }

    [Test]
    public async Task The_document_offers_the_api_key_to_swagger_ui_and_describes_the_upload_as_a_file_form()
    {
        var document = JsonNode.Parse(await ServedAsync())!;

        var scheme = document["components"]!["securitySchemes"]!["ApiKey"]!;
        Assert.That((scheme["type"]!.GetValue<string>(), scheme["in"]!.GetValue<string>(), scheme["name"]!.GetValue<string>()),
            Is.EqualTo(("apiKey", "header", "X-Api-Key")));
        var upload = document["paths"]!["/api/v1/imports"]!["post"]!["requestBody"]!["content"]!["multipart/form-data"]!["schema"]!;
        Assert.That(upload["properties"]!["file"]!["format"]!.GetValue<string>(), Is.EqualTo("binary"));
        Assert.That(upload["required"]!.AsArray().Select(r => r!.GetValue<string>()), Is.EqualTo(new[] { "file" }));
    }

    [Test]
    public async Task Every_operation_has_a_success_schema_and_every_parameter_a_description()
    {
        var document = JsonNode.Parse(await ServedAsync())!;
        var missing = new List<string>();
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, node) in item!.AsObject())
            {
                var operation = $"{method.ToUpperInvariant()} {path}";
                var responses = node!["responses"]!.AsObject();
                var successes = responses.Where(r => r.Key.StartsWith('2')).ToList();
                // 204 No Content is the one success without a body; every other success names its schema.
                if (successes.Count == 0 || successes.Any(r => r.Key != "204" && !HasSchemas(r.Value!)))
                    missing.Add($"{operation}: success answer without a schema ({string.Join(", ", successes.Select(r => r.Key))})");
                foreach (var (status, response) in responses.Where(r => r.Key[0] is '4' or '5'))
                {
                    if (response!["content"]?["application/problem+json"]?["schema"] is null)
                        missing.Add($"{operation}: {status} without a problem schema");
                    if (response["description"]?.GetValue<string>().Contains("/problems/", StringComparison.Ordinal) != true)
                        missing.Add($"{operation}: {status} names no problem type");
                }
                foreach (var parameter in node["parameters"]?.AsArray() ?? [])
                {
                    if (string.IsNullOrWhiteSpace(parameter!["description"]?.GetValue<string>()))
                        missing.Add($"{operation}: parameter '{parameter["name"]}' without a description");
                }
            }
        }

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public async Task Protected_routes_document_their_auth_and_limit_problems_and_swagger_offers_the_session_cookie()
    {
        var document = JsonNode.Parse(await ServedAsync())!;

        var cookie = document["components"]!["securitySchemes"]!["SessionCookie"]!;
        Assert.That((cookie["type"]!.GetValue<string>(), cookie["in"]!.GetValue<string>(), cookie["name"]!.GetValue<string>()),
            Is.EqualTo(("apiKey", "cookie", "monitoring.session")));
        var createKey = document["paths"]!["/api/v1/keys"]!["post"]!["responses"]!.AsObject();
        Assert.That(createKey.Select(r => r.Key), Is.SupersetOf(new[] { "201", "400", "401", "403", "429", "503" }));
        var plan = document["paths"]!["/api/v1/plans/{slug}"]!["get"]!;
        Assert.That(plan["responses"]!["404"]!["description"]!.GetValue<string>(), Does.Contain("/problems/not-found"));
        Assert.That(plan["responses"]!["200"]!["content"]!["application/json"]!["schema"]!["$ref"]!.GetValue<string>(), Does.EndWith("/Plan"));
        var invalid = document["paths"]!["/api/v1/plans"]!["post"]!["responses"]!["422"]!["content"]!["application/problem+json"]!["schema"]!;
        Assert.That(invalid["$ref"]!.GetValue<string>(), Does.EndWith("/InvalidFieldsProblem"));
    }

    private static bool HasSchemas(JsonNode response) =>
        response["content"] is JsonObject content && content.Count > 0 && content.All(c => c.Value?["schema"] is not null);

    [Test]
    public async Task Problems_carry_a_stable_type_that_answers_with_its_meaning_and_field_errors_are_keyed_by_field()
    {
        await using var api = await MonitoringApiFactory.StartAsync(DatabaseProvider.Sqlite);
        var admin = api.AdminClient();

        var notFound = await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/plans/findes-ikke"), HttpStatusCode.NotFound);
        var badParameter = await ProblemJson.ReadAsync(await admin.GetAsync("/api/v1/imports?limit=0"), HttpStatusCode.BadRequest);
        var invalid = await ProblemJson.ReadAsync(
            await admin.PostAsJsonAsync("/api/v1/dimensions", new { code = "1 bad", label = "", values = Array.Empty<object>() }),
            HttpStatusCode.UnprocessableEntity);
        var meaning = await admin.GetFromJsonAsync<JsonElement>(notFound.GetProperty("type").GetString());

        Assert.That(notFound.GetProperty("type").GetString(), Is.EqualTo("/problems/not-found"));
        Assert.That(badParameter.GetProperty("type").GetString(), Is.EqualTo("/problems/bad-parameter"));
        Assert.That(invalid.GetProperty("type").GetString(), Is.EqualTo("/problems/invalid-fields"));
        Assert.That(invalid.GetProperty("fieldErrors").EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "code", "label", "values" }));
        Assert.That(meaning.GetProperty("status").GetInt32(), Is.EqualTo(404));
        Assert.That((await admin.GetAsync("/problems/no-such-kind")).StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }
}
