using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;

namespace Monitoring.Tests.Support;

/// <summary>
/// The API in-process over a fresh database of its own. Samples are not loaded, so each test
/// knows exactly what data it reads; the small test catalog is seeded after start-up.
/// </summary>
public sealed class MonitoringApiFactory(
    DatabaseProvider provider, bool anonymousRead, IReadOnlyDictionary<string, string?>? settings = null, bool loadSamples = false)
    : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database = TestDatabase.Create(provider, migrate: false);

    public TestDatabase Database => _database;

    private string AdminKeyFile => Path.Combine(_database.Folder, "admin.key");

    public string AdminKey => File.ReadAllText(AdminKeyFile).Trim();

    /// <summary>The API's clock when a test sets one (a <c>FakeTimeProvider</c>); the real clock otherwise.</summary>
    public TimeProvider? Clock { get; init; }

    public static async Task<MonitoringApiFactory> StartAsync(
        DatabaseProvider provider, bool anonymousRead = true, bool seedCatalog = true,
        IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null)
    {
        var factory = new MonitoringApiFactory(provider, anonymousRead, settings) { Clock = clock };
        factory.StartServer();
        if (seedCatalog)
            await factory.Database.SeedCatalogAsync();
        return factory;
    }

    /// <summary>The API over the sample plans, loaded at start-up as on a fresh embedded install.</summary>
    public static MonitoringApiFactory StartWithSamples(
        DatabaseProvider provider, bool anonymousRead = true, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var factory = new MonitoringApiFactory(provider, anonymousRead, settings, loadSamples: true);
        factory.StartServer();
        return factory;
    }

    public HttpClient ClientWithKey(string? key)
    {
        var client = CreateClient();
        if (key is not null)
            client.DefaultRequestHeaders.Add(ApiKeyAuthenticationHandler.HeaderName, key);
        return client;
    }

    public HttpClient AdminClient() => ClientWithKey(AdminKey);

    public async Task<string> CreateKeyAsync(string role, params string[] planScope) =>
        await new ApiKeyStore(_database.Database, TimeProvider.System).CreateAsync($"test {role}", role, planScope);

    public static MultipartFormDataContent Upload(byte[] content, string fileName = "upload.csv")
    {
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Monitoring", _database.Options.ConnectionString);
        builder.UseSetting("Monitoring:Database:Provider", provider.ToString());
        builder.UseSetting("Monitoring:Auth:AdminKeyFile", AdminKeyFile);
        builder.UseSetting("Monitoring:Auth:AnonymousRead", anonymousRead.ToString());
        builder.UseSetting("Monitoring:Samples:LoadWhenEmpty", loadSamples.ToString());
        builder.UseSetting("Monitoring:Samples:Folder", RepositoryPaths.Samples);
        builder.UseSetting("Monitoring:Jobs:UploadFolder", Path.Combine(_database.Folder, "uploads"));
        // Tests send many requests from one address; the rate limit has its own test, which sets it lower.
        builder.UseSetting("Monitoring:Limits:RateLimit:PermitLimit", "1000000");
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            builder.UseSetting(key, value);
        builder.UseEnvironment("Testing");
        if (Clock is not null)
            builder.ConfigureTestServices(services => services.AddSingleton(Clock));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
    }
}
