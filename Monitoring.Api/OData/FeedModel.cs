using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;
using Monitoring.Api.OData.Entities;

namespace Monitoring.Api.OData;

/// <summary>
/// The entity data model behind <c>/odata/$metadata</c>: what Power BI and Excel see as tables,
/// with keys and the navigation properties a report joins along.
/// </summary>
public static class FeedModel
{
    public const string RoutePrefix = "odata";
    public const string Namespace = "Monitoring";

    /// <summary>The largest page any entity set serves; the rest follows through <c>@odata.nextLink</c>.</summary>
    public const int MaxPageSize = 5_000;

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace, ContainerName = "Monitoring" };
        Named(builder.EntitySet<PlanEntity>("Plans").EntityType, "Plan");
        Named(builder.EntitySet<GoalEntity>("Goals").EntityType, "Goal");
        Named(builder.EntitySet<TargetEntity>("Targets").EntityType, "Target");
        Named(builder.EntitySet<IndicatorEntity>("Indicators").EntityType.HasKey(i => i.Code), "Indicator");
        Named(builder.EntitySet<AreaEntity>("Areas").EntityType.HasKey(a => a.Code), "Area");
        Named(builder.EntitySet<ObservationEntity>("Observations").EntityType, "Observation");
        Named(builder.EntitySet<EvaluationEntity>("Evaluations").EntityType.HasKey(e => e.TargetId), "Evaluation");
        return builder.GetEdmModel();
    }

    private static void Named<T>(EntityTypeConfiguration<T> type, string name) where T : class
    {
        type.Name = name;
        type.Namespace = Namespace;
    }
}
