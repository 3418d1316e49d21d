using System.Globalization;
using Monitoring.Api.Auth;
using Monitoring.Api.Hosting.OpenApi;
using Monitoring.Api.Http;
using Monitoring.Ingest.Jobs;

namespace Monitoring.Api.Endpoints;

/// <summary>The recurring jobs, their runs (from Hangfire's monitoring API) and running one now.</summary>
public static class JobsEndpoints
{
    public static void MapJobsEndpoints(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs");
        jobs.MapGet("/", (JobsOverview overview) => TypedResults.Ok(overview.Recurring()))
            .RequireAuthorization(Policies.Write)
            .WithName("ListJobs")
            .WithSummary("Recurring jobs with cron, time zone, next and last run and the last outcome (admin or analyst).");
        jobs.MapGet("/{id}/runs", Runs)
            .RequireAuthorization(Policies.Write)
            .WithName("ListJobRuns")
            .Produces<IReadOnlyList<JobRun>>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .WithSummary("A recurring job's runs, newest first, with state, duration and result or failure reason.");
        jobs.MapPost("/{id}/run", Run)
            .RequireAuthorization(Policies.Admin)
            .WithName("RunJob")
            .Produces<JobTriggered>(StatusCodes.Status202Accepted)
            .WithSummary("Trigger a recurring job now (admin); answers 202 with the id of the job enqueued.");
    }

    private static IResult Runs(string id, int? limit, JobsOverview overview)
    {
        if (limit is < 1 or > 500)
            return Problems.BadParameter("limit", limit?.ToString(CultureInfo.InvariantCulture), "Use a limit between 1 and 500.");
        if (!overview.Exists(id))
            return Problems.NotFound("Recurring job", id);
        return TypedResults.Ok(overview.Runs(id, limit ?? 50));
    }

    private static IResult Run(string id, JobsOverview overview)
    {
        if (!overview.Exists(id))
            return Problems.NotFound("Recurring job", id);
        var jobId = overview.Trigger(id);
        return TypedResults.Accepted($"/api/v1/jobs/{Uri.EscapeDataString(id)}/runs", new JobTriggered(id, jobId));
    }
}

/// <summary>The answer to triggering a recurring job: which job, and the id of the run enqueued.</summary>
public sealed record JobTriggered(string RecurringJobId, string JobId);
