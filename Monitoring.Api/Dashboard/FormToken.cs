using Microsoft.AspNetCore.Antiforgery;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Every dashboard form posts an antiforgery token (the session cookie would otherwise let another
/// site post on a signed-in person's behalf); <see cref="Required"/> refuses a post without a valid one.
/// </summary>
public static class FormToken
{
    public static string Field(HttpContext context)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        return $"<input type=\"hidden\" name=\"{Html.E(tokens.FormFieldName)}\" value=\"{Html.E(tokens.RequestToken)}\">";
    }

    /// <summary>Marks a dashboard post as needing the token and answers 400 in Danish when it is missing or wrong.</summary>
    public static RouteHandlerBuilder Required(this RouteHandlerBuilder builder) =>
        builder.WithMetadata(new RequireAntiforgeryTokenAttribute()).AddEndpointFilter(async (context, next) =>
        {
            if (context.HttpContext.Features.Get<IAntiforgeryValidationFeature>() is { IsValid: false })
            {
                var page = Html.Page("Formularen er udløbet",
                    "<p>Formularen kunne ikke bekræftes. Gå tilbage, genindlæs siden og prøv igen.</p>");
                return new StatusResult(page, StatusCodes.Status400BadRequest);
            }
            return await next(context);
        });

    private sealed class StatusResult(IResult inner, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.StatusCode = status;
            return inner.ExecuteAsync(httpContext);
        }
    }
}
