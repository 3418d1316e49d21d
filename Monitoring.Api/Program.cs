using Hangfire;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Api.Dashboard;
using Monitoring.Api.Endpoints;
using Monitoring.Api.Hosting;
using Monitoring.Api.Http;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddMonitoringApi(builder.Configuration);

var app = builder.Build();
// Settings are checked before the start-up tasks use them, so a bad one stops the start naming its key
// (the host would check them only when it starts, after the migrations).
app.Services.GetRequiredService<IStartupValidator>().Validate();
await app.Services.GetRequiredService<StartupTasks>().RunAsync();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
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
api.MapImportsEndpoints();
api.MapRevertEndpoints();
api.MapCorrectionsEndpoints();
api.MapEvaluationEndpoints();
api.MapChartsEndpoints();
api.MapBoardBriefEndpoints();
api.MapCommentsEndpoints();
api.MapChainEndpoints();
api.MapJobsEndpoints();
api.MapBriefsEndpoints();
app.MapHealthChecks("/health");
app.MapProblemTypes();
app.MapDashboardPages();

app.Run();

/// <summary>Visible to the integration tests' web application factory.</summary>
public partial class Program;
