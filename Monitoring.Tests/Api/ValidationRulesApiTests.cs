using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api;

/// <summary>The import rules and their messages as the API serves them: Danish, or English on request; never a 500.</summary>
[TestFixtureSource(typeof(Providers), nameof(Providers.All))]
public class ValidationRulesApiTests(DatabaseProvider provider)
{
    private static readonly string[] GenderCodes = ["kvinde", "mand"];

    [Test]
    public async Task A_rejected_upload_is_explained_in_Danish_by_default_and_in_English_on_request()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var file = Csv.WithHeader("PCT,AREA-A,2023Q1,40,,,");

        var danish = await ProblemJson.ReadAsync(
            await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(file)), HttpStatusCode.UnprocessableEntity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/imports") { Content = MonitoringApiFactory.Upload(file) };
        request.Headers.AcceptLanguage.ParseAdd("en-GB,en;q=0.9,da;q=0.5");
        var english = await ProblemJson.ReadAsync(await api.AdminClient().SendAsync(request), HttpStatusCode.UnprocessableEntity);

        var da = danish.GetProperty("errors")[0];
        Assert.That((da.GetProperty("row").GetInt32(), da.GetProperty("column").GetString(), da.GetProperty("value").GetString()),
            Is.EqualTo((2, "period", "2023Q1")));
        Assert.That(da.GetProperty("message").GetString(), Does.Contain("opgøres pr. år"));
        Assert.That(danish.GetProperty("detail").GetString(), Does.Contain("række 2"));
        var en = english.GetProperty("errors")[0];
        Assert.That(en.GetProperty("message").GetString(), Does.Contain("is measured per year"));
        Assert.That(english.GetProperty("title").GetString(), Does.Contain("rejected"));
    }

    [TestCase("PCT,AREA-A,٢٠٢٣,40,,,", "period")]
    [TestCase("PCT,AREA-A,２０２３,40,,,", "period")]
    [TestCase("PCT,AREA-A,2023,٤٠,,,", "value")]
    [TestCase("PCT,AREA-A,2023,４０,,,", "value")]
    [TestCase("PCT,AREA-A,2023,40,٤,١٠,", "numerator")]
    [TestCase("PCT,AREA-A,2023,40,４,１０,", "numerator")]
    public async Task Non_ASCII_digits_in_an_upload_are_a_422_naming_the_column(string row, string column)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(row)));

        var problem = await ProblemJson.ReadAsync(response, HttpStatusCode.UnprocessableEntity);
        Assert.That(problem.GetProperty("errors")[0].GetProperty("column").GetString(), Is.EqualTo(column));
    }

    [TestCase("/api/v1/observations?from=٢٠٢٣", "from")]
    [TestCase("/api/v1/observations?to=２０２３", "to")]
    [TestCase("/api/v1/plans/no-plan/status?asOf=٢٠٢٣", "asOf")]
    [TestCase("/api/v1/plans/no-plan/status?asOf=２０２３Q1", "asOf")]
    public async Task Non_ASCII_digits_in_a_period_parameter_are_a_400_naming_it(string url, string parameter)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var problem = await ProblemJson.ReadAsync(await api.CreateClient().GetAsync(url), HttpStatusCode.BadRequest);

        Assert.That(problem.GetProperty("parameter").GetString(), Is.EqualTo(parameter));
    }

    // Numbers and dates bound by the framework or parsed by hand: still a 400, never a 500.
    [TestCase("/api/v1/observations?limit=٢٠")]
    [TestCase("/api/v1/observations?limit=２０")]
    [TestCase("/api/v1/observations?asOfBatch=٢")]
    [TestCase("/api/v1/imports?limit=２")]
    [TestCase("/api/v1/plans/no-plan/snapshots/٢٠٢٣-٠١-٠١")]
    [TestCase("/api/v1/plans/no-plan/snapshots/２０２３-０１-０１")]
    public async Task Non_ASCII_digits_in_other_parameters_are_a_400(string url)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var response = await api.AdminClient().GetAsync(url);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Dimensions_are_served_and_a_new_one_can_be_declared_and_used()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var listed = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dimensions");
        var koen = listed.EnumerateArray().Single(d => d.GetProperty("code").GetString() == "koen");
        Assert.That(koen.GetProperty("values").EnumerateArray().Select(v => v.GetProperty("code").GetString()), Is.EqualTo(GenderCodes));
        Assert.That(koen.GetProperty("values")[1].GetProperty("label").GetString(), Is.EqualTo("Mænd"));

        var created = await admin.PostAsJsonAsync("/api/v1/dimensions", new
        {
            code = "Boligform", label = "Boligform",
            values = new[] { new { code = "Familie", label = "Familieboliger" }, new { code = "ungdom", label = "Ungdomsboliger" } },
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var one = await admin.GetFromJsonAsync<JsonElement>("/api/v1/dimensions/boligform");
        Assert.That(one.GetProperty("values")[0].GetProperty("code").GetString(), Is.EqualTo("familie"), "one stored spelling");

        var upload = await admin.PostAsync("/api/v1/imports",
            MonitoringApiFactory.Upload(Csv.WithHeader("PCT,AREA-A,2023,40,,,boligform:FAMILIE")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
        var observations = await admin.GetFromJsonAsync<JsonElement>("/api/v1/observations?indicator=PCT&subgroup=boligform:familie");
        Assert.That(observations.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_bad_dimension_is_refused_field_by_field_in_the_requested_language()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/dimensions")
        {
            Content = JsonContent.Create(new { code = "bo:lig", label = "", values = new[] { new { code = "a:b", label = "x" } } }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var problem = await ProblemJson.ReadAsync(await api.AdminClient().SendAsync(request), HttpStatusCode.UnprocessableEntity);

        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.That(errors.Select(e => e.GetProperty("field").GetString()), Is.EquivalentTo(new[] { "code", "label", "values[0].code" }));
        Assert.That(errors[1].GetProperty("message").GetString(), Is.EqualTo("Required."));
        Assert.That(errors[1].GetProperty("messageEn").GetString(), Is.EqualTo("Required."));
    }

    [Test]
    public async Task An_indicator_that_accepts_finer_periods_is_stored_served_and_obeyed()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/indicators", new
        {
            code = "TRYG", name = "Tryghed", unit = "percent", direction = "higherBetter", source = "survey",
            periodicity = "yearly", decimals = 1, influenceable = true, acceptsFinerPeriods = true,
        });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var served = await admin.GetFromJsonAsync<JsonElement>("/api/v1/indicators/TRYG");
        Assert.That(served.GetProperty("acceptsFinerPeriods").GetBoolean(), Is.True);
        var pct = await admin.GetFromJsonAsync<JsonElement>("/api/v1/indicators/PCT");
        Assert.That(pct.GetProperty("acceptsFinerPeriods").GetBoolean(), Is.False, "strict unless stated");

        var upload = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader("TRYG,AREA-A,2023Q1,40,,,")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created), await upload.Content.ReadAsStringAsync());
    }

    private static object Plan(string? subgroup, double? tolerance) => new
    {
        slug = "rules-plan", name = "Helhedsplan Regler", municipalityCode = "0901", fundingPeriod = "2019-2026",
        areas = new[] { "AREA-A" },
        goals = new[]
        {
            new
            {
                key = "M1", title = "Flere i job",
                targets = new[]
                {
                    new { indicator = "PCT", scope = "AREA-A", subgroup, baselinePeriod = "2018", baselineValue = 48.2, targetPeriod = "2026", targetValue = 38.0, tolerance },
                },
            },
        },
    };

    [Test]
    public async Task A_target_without_tolerance_is_stored_and_shown_with_the_default_of_zero()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();

        var created = await admin.PostAsJsonAsync("/api/v1/plans", Plan(null, null));

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var goals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/rules-plan/goals");
        Assert.That(goals[0].GetProperty("targets")[0].GetProperty("tolerance").GetDouble(), Is.Zero);
    }

    [TestCase("kon:mand", "mente du 'koen'")]
    [TestCase("koen:Mand", "Skriv undergruppen som koen:mand")]
    public async Task A_target_subgroup_obeys_the_import_rule(string subgroup, string danish)
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);

        var problem = await ProblemJson.ReadAsync(
            await api.AdminClient().PostAsJsonAsync("/api/v1/plans", Plan(subgroup, 0.05)), HttpStatusCode.UnprocessableEntity);

        var error = problem.GetProperty("errors").EnumerateArray().Single();
        Assert.That(error.GetProperty("field").GetString(), Is.EqualTo("goals[0].targets[0].subgroup"));
        Assert.That(error.GetProperty("message").GetString(), Does.Contain(danish));
    }

    [Test]
    public async Task A_bad_indicator_is_refused_in_Danish_unless_English_is_asked_for()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var body = new { code = "bad code", name = "X", unit = "percent", direction = "higherBetter", source = "survey", periodicity = "yearly", decimals = 9 };

        var danish = await ProblemJson.ReadAsync(await api.AdminClient().PostAsJsonAsync("/api/v1/indicators", body), HttpStatusCode.UnprocessableEntity);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/indicators") { Content = JsonContent.Create(body) };
        request.Headers.AcceptLanguage.ParseAdd("en-US");
        var english = await ProblemJson.ReadAsync(await api.AdminClient().SendAsync(request), HttpStatusCode.UnprocessableEntity);

        Assert.That(danish.GetProperty("errors")[1].GetProperty("message").GetString(), Is.EqualTo("Brug 0 til 6 decimaler."));
        Assert.That(english.GetProperty("errors")[1].GetProperty("message").GetString(), Is.EqualTo("Use 0 to 6 decimals."));
    }

    [Test]
    public async Task A_target_near_the_largest_double_is_reported_as_not_computable_everywhere_it_is_shown()
    {
        await using var api = await MonitoringApiFactory.StartAsync(provider);
        var admin = api.AdminClient();
        var upload = await admin.PostAsync("/api/v1/imports", MonitoringApiFactory.Upload(Csv.WithHeader(
            "PCT,AREA-A,2018,48.0,,,", "PCT,AREA-A,2020,46.0,,,", "PCT,AREA-A,2022,45.0,,,")));
        Assert.That(upload.StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var plan = new
        {
            slug = "huge-plan", name = "Helhedsplan Stor", municipalityCode = "0901", fundingPeriod = "2019-2026",
            areas = new[] { "AREA-A" },
            goals = new[]
            {
                new
                {
                    key = "M1", title = "Overløb",
                    targets = new[] { new { indicator = "PCT", scope = "AREA-A", baselinePeriod = "2018", baselineValue = 1e308, targetPeriod = "2026", targetValue = -1e308 } },
                },
            },
        };
        Assert.That((await admin.PostAsJsonAsync("/api/v1/plans", plan)).StatusCode, Is.EqualTo(HttpStatusCode.Created));
        var goals = await admin.GetFromJsonAsync<JsonElement>("/api/v1/plans/huge-plan/goals");
        var targetId = goals[0].GetProperty("targets")[0].GetProperty("id").GetInt64();

        var evaluation = await admin.GetAsync($"/api/v1/targets/{targetId}/evaluation");
        var status = await admin.GetAsync("/api/v1/plans/huge-plan/status");
        var csv = await admin.GetAsync("/api/v1/plans/huge-plan/status?format=csv");
        var svg = await admin.GetAsync($"/api/v1/charts/targets/{targetId}.svg");
        var png = await admin.GetAsync($"/api/v1/charts/targets/{targetId}.png");
        var pdf = await admin.GetAsync("/api/v1/plans/huge-plan/brief.pdf");

        foreach (var response in new[] { evaluation, status, csv, svg, png, pdf })
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), response.RequestMessage!.RequestUri!.ToString());
        var json = await evaluation.Content.ReadFromJsonAsync<JsonElement>();
        Assert.That(json.GetProperty("status").GetString(), Is.EqualTo("insufficientData"));
        Assert.That(json.GetProperty("reason").GetString(), Does.Contain("Cannot be computed"));
        foreach (var text in new[] { await status.Content.ReadAsStringAsync(), await csv.Content.ReadAsStringAsync(), await svg.Content.ReadAsStringAsync() })
            Assert.That(text, Does.Not.Contain("NaN").And.Not.Contain("Infinity").And.Not.Contain("∞"));
    }
}
