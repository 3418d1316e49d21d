using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Monitoring.Ingest.Data;
using Monitoring.Tests.Support;

namespace Monitoring.Tests.Api.Dashboard;

/// <summary>
/// The chain page's forms, used as a steering group's owner and the secretariat use them: an
/// activity reported delayed with a milestone reached, proposals confirmed in the secretariat's own
/// words or dismissed; and what a reader and an earlier asOf see instead.
/// </summary>
[NonParallelizable]
public class ChainFormsTests
{
    private const string Chain = "/planer/oesterby-nord/styringskaede";

    private MonitoringApiFactory _api = null!;

    [SetUp]
    public void Start() => _api = MonitoringApiFactory.StartWithSamples(DatabaseProvider.Sqlite);

    [TearDown]
    public async Task Stop() => await _api.DisposeAsync();

    [Test]
    public async Task An_analyst_reports_an_activity_delayed_with_a_milestone_reached_and_the_old_version_stays_in_its_history()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var jobCafe = await ActivityAsync("Jobcafé i Solhaven");

        var posted = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{jobCafe.GetProperty("id").GetInt64()}",
            ("status", "forsinket"), ("milepael", "Evaluering af fremmøde"));

        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var page = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(posted.Headers.Location!.ToString()));
        Assert.That(page, Does.Contain("Ændringen af \"Jobcafé i Solhaven\" er gemt"));
        var history = await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{jobCafe.GetProperty("id").GetInt64()}/history");
        Assert.That(history.GetArrayLength(), Is.EqualTo(2));
        Assert.That(history[0].GetProperty("status").GetString(), Is.EqualTo("i_gang"), "the earlier version is kept");
        Assert.That(history[1].GetProperty("status").GetString(), Is.EqualTo("forsinket"));
        Assert.That(history[1].GetProperty("changedBy").GetString(), Is.EqualTo("Test analyst"));
        Assert.That(history[1].GetProperty("milestones").EnumerateArray().Single(m => m.GetProperty("title").GetString() == "Evaluering af fremmøde")
            .GetProperty("done").GetBoolean(), Is.True);
        Assert.That(ActivityItem(page, "Jobcafé i Solhaven"), Does.Contain("activity-forsinket").And.Contain("meldt af Test analyst")
            .And.Not.Contain("Evaluering af fremmøde"), "a reached milestone is no longer listed as open");
    }

    [Test]
    public async Task Spending_reported_above_the_budget_from_the_page_raises_a_priority_proposal_and_a_word_for_an_amount_is_refused()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var id = (await ActivityAsync("Jobcafé i Solhaven")).GetProperty("id").GetInt64();
        var before = await _api.AdminClient().GetStringAsync("/api/v1/plans/oesterby-nord/proposals?format=csv");

        var refused = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{id}", ("status", "i_gang"), ("forbrug-2025", "mange penge"));
        var reported = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{id}", ("status", "i_gang"), ("forbrug-2025", "310.000"));

        Assert.That(refused.Headers.Location?.ToString(), Does.Contain("besked=ugyldigt-beloeb"));
        Assert.That(reported.Headers.Location?.ToString(), Does.Contain("besked=aendret"));
        var history = await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history");
        Assert.That(history.GetArrayLength(), Is.EqualTo(2), "the refused amount stored nothing");
        Assert.That(history[1].GetProperty("budget").EnumerateArray().Single(b => b.GetProperty("year").GetInt32() == 2025).GetProperty("spent").GetDecimal(), Is.EqualTo(310000m));
        var after = await _api.AdminClient().GetStringAsync("/api/v1/plans/oesterby-nord/proposals?format=csv");
        static IEnumerable<string> PriorityLines(string csv) => csv.Split('\n').Where(l => l.StartsWith("prioritering", StringComparison.Ordinal));
        Assert.That(PriorityLines(before), Has.None.Contain("Jobcafé i Solhaven"));
        Assert.That(PriorityLines(after), Has.Some.Contain("Jobcafé i Solhaven"));
    }

    [Test]
    public async Task A_status_that_is_not_one_of_the_five_is_refused_and_nothing_is_stored()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var id = (await ActivityAsync("Jobcafé i Solhaven")).GetProperty("id").GetInt64();

        var posted = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{id}", ("status", "halvfærdig"));

        var page = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(posted.Headers.Location!.ToString()));
        Assert.That(page, Does.Contain("Status for \"Jobcafé i Solhaven\" blev ikke gemt"));
        var history = await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history");
        Assert.That(history.GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public async Task A_proposal_confirmed_in_the_secretariats_words_becomes_a_decision_and_a_dismissed_one_is_not_offered_again()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var proposals = (await _api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/proposals")).EnumerateArray().ToList();
        var confirm = proposals.First(p => p.GetProperty("state").GetString() == "open");
        var dismiss = proposals.First(p => p.GetProperty("state").GetString() == "open"
            && p.GetProperty("key").GetString() != confirm.GetProperty("key").GetString());
        var confirmKey = confirm.GetProperty("key").GetString()!;
        var dismissKey = dismiss.GetProperty("key").GetString()!;

        var confirmed = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/forslag/{Uri.EscapeDataString(confirmKey)}/bekraeft",
            ("question", "Bestyrelsen bedes drøfte, om indsatsen skal justeres."));
        var dismissed = await analyst.PostFormAsync(Chain, $"/planer/oesterby-nord/forslag/{Uri.EscapeDataString(dismissKey)}/afvis");

        Assert.That(confirmed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(dismissed.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var after = (await _api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/proposals")).EnumerateArray()
            .ToDictionary(p => p.GetProperty("key").GetString()!, p => p.GetProperty("state").GetString());
        Assert.That((after[confirmKey], after[dismissKey]), Is.EqualTo(("confirmed", "dismissed")));
        var comments = await _api.AdminClient().GetStringAsync("/api/v1/plans/oesterby-nord/comments");
        Assert.That(comments, Does.Contain("Bestyrelsen bedes drøfte, om indsatsen skal justeres."));
        var pdftotext = SystemTool.Require("/usr/bin/pdftotext", "poppler-utils");
        var pdf = Path.Combine(_api.Database.Folder, "confirmed-brief.pdf");
        await File.WriteAllBytesAsync(pdf, await _api.AdminClient().GetByteArrayAsync("/api/v1/plans/oesterby-nord/brief.pdf"));
        var brief = Regex.Replace(SystemTool.Run(pdftotext, pdf, "-"), "\\s+", " ");
        Assert.That(brief, Does.Contain("Sager til bestyrelsen"));
        Assert.That(brief[brief.IndexOf("Sager til bestyrelsen", StringComparison.Ordinal)..],
            Does.Contain("Bestyrelsen bedes drøfte, om indsatsen skal justeres."), "the confirmed question is a matter in the brief");
        var page = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(Chain + "?besked=bekraeftet"));
        Assert.That(page, Does.Contain("Forslaget er bekræftet"));
        Assert.That(page[page.IndexOf("id=\"forslag\"", StringComparison.Ordinal)..], Does.Contain("Bestyrelsen bedes drøfte, om indsatsen skal justeres."),
            "the page shows a confirmed proposal in the words it was put to the board");
        Assert.That(Regex.Matches(page, "/bekraeft\"").Count, Is.EqualTo(after.Values.Count(s => s == "open")), "forms only for open proposals");
    }

    [Test]
    public async Task A_viewer_sees_no_forms_and_cannot_post_and_the_page_as_of_an_earlier_year_is_read_only()
    {
        var viewer = await BrowserSession.SignInAsync(_api, "viewer");
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var id = (await ActivityAsync("Jobcafé i Solhaven")).GetProperty("id").GetInt64();

        var seen = await viewer.Client.GetStringAsync(Chain);
        var posted = await viewer.Client.PostAsync($"/planer/oesterby-nord/aktiviteter/{id}",
            new FormUrlEncodedContent([KeyValuePair.Create("status", "stoppet")]));
        var earlier = await analyst.Client.GetStringAsync(Chain + "?asOf=2024");

        Assert.That(seen, Does.Not.Contain("<form class=\"activity-report"));
        Assert.That((int)posted.StatusCode, Is.Not.InRange(200, 299), "a viewer's post is refused");
        Assert.That(posted.Headers.Location?.ToString() ?? "", Does.Not.Contain("styringskaede"), "refused, not handled");
        Assert.That((await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{id}/history")).GetArrayLength(), Is.EqualTo(1));
        Assert.That(earlier, Does.Not.Contain("<form class=\"activity-report").And.Contain("Sådan stod det ved udgangen af 2024"));
    }

    [Test]
    public async Task Overdue_milestones_and_passed_end_dates_are_marked_and_a_steering_group_sees_only_its_sub_agreements()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");

        var page = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(Chain));
        var group = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(Chain + "?styregruppe=" + Uri.EscapeDataString("Styregruppen for beskæftigelse")));

        // The sample's third street worker was due 1 September 2024 and is not hired.
        Assert.That(ActivityItem(page, "Gadeplansindsats"), Does.Contain("Tredje medarbejder ansat, frist 01-09-2024").And.Contain("overskredet"));
        Assert.That(ActivityItem(page, "Virksomhedspraktik med lokale arbejdsgivere"), Does.Contain("Budget: brugt 430.000 kr. af 500.000 kr.").And.Contain("2024 over budget"),
            "readers see the money beside the activity, not only in the owners' form");
        Assert.That(group, Does.Contain("Jobcafé i Solhaven").And.Not.Contain("Gadeplansindsats"));
        Assert.That(page, Does.Contain("Gadeplansindsats"));
    }

    [Test]
    public async Task A_person_signed_in_for_a_steering_group_reports_that_groups_activities_and_no_others()
    {
        var created = await _api.AdminClient().PostAsJsonAsync("/api/v1/sign-in-links",
            new { name = "Jens Jobcenter", role = "viewer", planScope = new[] { "oesterby-nord" }, steeringGroup = "Styregruppen for beskæftigelse" });
        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.Created), await created.Content.ReadAsStringAsync());
        var path = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("path").GetString()!;
        var person = new BrowserSession(BrowserSession.Anonymous(_api));
        Assert.That((await person.PostFormAsync(path, path)).StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        var own = (await ActivityAsync("Jobcafé i Solhaven")).GetProperty("id").GetInt64();
        var other = (await ActivityAsync("Gadeplansindsats")).GetProperty("id").GetInt64();

        var page = WebUtility.HtmlDecode(await person.Client.GetStringAsync(Chain));
        var reported = await person.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{own}", ("status", "afsluttet"));
        var refused = await person.PostFormAsync(Chain, $"/planer/oesterby-nord/aktiviteter/{other}", ("status", "afsluttet"));

        Assert.That(page, Does.Contain("Du er logget ind for Styregruppen for beskæftigelse"));
        Assert.That(page, Does.Contain($"action=\"/planer/oesterby-nord/aktiviteter/{own}\"").And.Not.Contain($"action=\"/planer/oesterby-nord/aktiviteter/{other}\""));
        Assert.That(page, Does.Not.Contain("/bekraeft\""), "proposals are the secretariat's to decide");
        Assert.That(reported.Headers.Location?.ToString(), Does.Contain("besked=aendret"));
        Assert.That(refused.Headers.Location?.ToString() ?? "", Does.Not.Contain("styringskaede"));
        var ownHistory = await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{own}/history");
        Assert.That(ownHistory[ownHistory.GetArrayLength() - 1].GetProperty("changedBy").GetString(), Is.EqualTo("Jens Jobcenter (Styregruppen for beskæftigelse)"));
        Assert.That((await _api.AdminClient().GetFromJsonAsync<JsonElement>($"/api/v1/activities/{other}/history")).GetArrayLength(), Is.EqualTo(1));
    }

    [TestCase("analyst", "Styregruppen for beskæftigelse", "role")]
    [TestCase("viewer", "Styregruppen for ingenting", "steeringGroup")]
    public async Task A_steering_group_link_for_a_writer_role_or_an_unknown_group_is_refused_naming_the_field(string role, string group, string field)
    {
        var created = await _api.AdminClient().PostAsJsonAsync("/api/v1/sign-in-links", new { name = "Jens", role, steeringGroup = group });

        Assert.That(created.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(await created.Content.ReadAsStringAsync(), Does.Contain(field));
    }

    [Test]
    public async Task The_activity_list_spreadsheet_uploaded_from_the_chain_page_is_saved_and_a_list_with_an_error_saves_nothing()
    {
        var analyst = await BrowserSession.SignInAsync(_api, "analyst");
        var sample = await File.ReadAllBytesAsync(Path.Combine(RepositoryPaths.Samples, "formats", "aktivitetsliste.xlsx"));
        var exported = await analyst.Client.GetStringAsync("/api/v1/plans/oesterby-nord/activities?format=csv");
        var broken = exported.Replace("i gang", "halvvejs", StringComparison.Ordinal);
        Assume.That(broken, Is.Not.EqualTo(exported), "the export has an activity in progress");

        var rejected = await analyst.PostMultipartAsync(Chain, "/planer/oesterby-nord/aktiviteter/import",
            MonitoringApiFactory.Upload(System.Text.Encoding.UTF8.GetBytes(broken), "aktivitetsliste.csv"));
        var rejectedPage = WebUtility.HtmlDecode(await rejected.Content.ReadAsStringAsync());
        var saved = await analyst.PostMultipartAsync(Chain, "/planer/oesterby-nord/aktiviteter/import", MonitoringApiFactory.Upload(sample, "aktivitetsliste.xlsx"));
        var savedPage = WebUtility.HtmlDecode(await saved.Content.ReadAsStringAsync());

        Assert.That(rejected.StatusCode, Is.EqualTo(HttpStatusCode.UnprocessableEntity));
        Assert.That(rejectedPage, Does.Contain("Listen blev ikke gemt").And.Contain("halvvejs").And.Contain("status"));
        Assert.That(saved.StatusCode, Is.EqualTo(HttpStatusCode.OK), savedPage);
        Assert.That(savedPage, Does.Contain("Listen er gemt"));
        var counts = Regex.Matches(Regex.Match(savedPage, "<tbody><tr>.*?</tr>", RegexOptions.Singleline).Value, "<td class=\"num\">(\\d+)</td>")
            .Select(m => m.Groups[1].Value).ToList();
        Assert.That(counts, Is.EqualTo(new[] { "11", "1", "4", "6", "0" }), "rows, new, changed, unchanged, errors of the sample list (saved before the sample activities' dates were moved, so two more rows differ)");
        var chain = WebUtility.HtmlDecode(await analyst.Client.GetStringAsync(Chain));
        Assert.That(chain, Does.Contain("id=\"aktivitetsliste\""));
    }

    private async Task<JsonElement> ActivityAsync(string title)
    {
        var subAgreements = await _api.AdminClient().GetFromJsonAsync<JsonElement>("/api/v1/plans/oesterby-nord/subagreements");
        return subAgreements.EnumerateArray().SelectMany(s => s.GetProperty("activities").EnumerateArray())
            .First(a => a.GetProperty("title").GetString() == title);
    }

    /// <summary>The first list item on the page that names the activity.</summary>
    private static string ActivityItem(string page, string title) =>
        Regex.Matches(page, "<li id=\"aktivitet-\\d+\">.*?</form>|<li id=\"aktivitet-\\d+\">.*?</li>\\s*</ul>", RegexOptions.Singleline)
            .Select(m => m.Value).First(v => v.Contains(title, StringComparison.Ordinal));
}
