using Hangfire;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Endpoints;
using Monitoring.Api.Hosting;
using Monitoring.Api.Http;
using Monitoring.Api.OData;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMonitoringApi(builder.Configuration);
builder.Services.AddMonitoringFeed();

var app = builder.Build();
// Settings are checked before the start-up tasks use them, so a bad one stops the start naming its key
// (the host would check them only when it starts, after the migrations).
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.Services.GetRequiredService<StartupTasks>().RunAsync();

// First, so everything after (the session cookie's Secure flag, OpenID Connect's redirect URI, the rate
// limiter's address) sees the client as the trusted proxy saw it. Off unless Monitoring:Proxy lists a proxy.
if (app.Services.GetRequiredService<IOptions<ProxyOptions>>().Value.Enabled)
    app.UseForwardedHeaders();
app.UseSecurityHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseInvalidKeyRejection();
// After authentication, so a key's or a person's requests share one budget wherever they come from.
app.UseRateLimiter();
app.UseAuthorization();
app.UseAntiforgery();
app.UsePlanScopeGate();
app.UseWriteAudit();
app.UseSignInFor("/hangfire", admin: true);
app.UseSignInFor("/swagger", admin: false);
// The operators' dashboard: admins only, on every address (never the local-requests-only default).
app.UseHangfireDashboard("/hangfire", new DashboardOptions
{
    Authorization = [],
    AsyncAuthorization = [new HangfireDashboardAuthorization()],
    DashboardTitle = "Monitoring jobs",
});
app.UseSwagger();
app.UseSwaggerUI();

var api = app.MapGroup("/api/v1");
api.MapPlansEndpoints();
api.MapFrameworkEditEndpoints();
api.MapIndicatorsEndpoints();
api.MapAreasEndpoints();
api.MapDimensionsEndpoints();
api.MapColumnAliasesEndpoints();
api.MapObservationsEndpoints();
api.MapExtractsEndpoints();
api.MapImportsEndpoints();
api.MapSurveysEndpoints();
api.MapRevertEndpoints();
api.MapCorrectionsEndpoints();
api.MapEvaluationEndpoints();
api.MapChartsEndpoints();
api.MapBoardBriefEndpoints();
api.MapCommentsEndpoints();
api.MapChainEndpoints();
api.MapActivityListEndpoints();
api.MapClassificationEndpoints();
api.MapJobsEndpoints();
api.MapBriefsEndpoints();
api.MapKeysEndpoints();
api.MapSignInLinksEndpoints();
api.MapAuditEndpoints();
app.MapSignInPages();
app.MapAuditPage();
app.MapProblemTypes();
app.MapMonitoringHealth();
app.MapDashboardPages();
app.MapMonitoringFeed();

app.Run();

/// <summary>Visible to the integration tests' web application factory.</summary>
public partial class Program;
