using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.OData;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;

namespace Monitoring.Api.OData;

/// <summary>The OData feed's services and routes: controllers under <c>/odata</c>, read access as the rest of the API.</summary>
public static class FeedRegistration
{
    public static IServiceCollection AddMonitoringFeed(this IServiceCollection services)
    {
        services.AddSingleton<ObservationFeedQuery>();
        services.AddControllers(options =>
            {
                options.Conventions.Add(new OutOfOpenApi());
                options.Filters.Add<FeedErrorDetails>();
                options.Filters.Add<FeedLinks>();
                options.Filters.Add<FeedFormat>();
            })
            .AddOData(options => options
                .AddRouteComponents(FeedModel.RoutePrefix, FeedModel.Build())
                .Select().Filter().OrderBy().Count().Expand().SkipToken().SetMaxTop(null));
        return services;
    }

    /// <summary>Every controller, the service document and <c>$metadata</c> included, needs read access.</summary>
    public static void MapMonitoringFeed(this IEndpointRouteBuilder app) =>
        app.MapControllers().RequireAuthorization(Policies.Read);

    /// <summary>
    /// The feed describes itself in <c>$metadata</c>; its controllers stay out of the OpenAPI document,
    /// which covers the minimal API (OData's query-option parameters do not describe as OpenAPI).
    /// </summary>
    private sealed class OutOfOpenApi : IControllerModelConvention
    {
        public void Apply(ControllerModel controller) => controller.ApiExplorer.IsVisible = false;
    }
}
