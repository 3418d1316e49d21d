using Hangfire.Dashboard;

namespace Monitoring.Api.Auth;

/// <summary>
/// The Hangfire dashboard is for admins only, on every address: the request must carry an
/// <c>X-Api-Key</c> of role admin (authenticated by the API's own scheme). Hangfire answers 401
/// to a request without a key and 403 to a key of another role.
/// </summary>
public sealed class HangfireDashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var user = context.GetHttpContext().User;
        return Task.FromResult(user.Identity?.IsAuthenticated == true && user.IsInRole(Roles.Admin));
    }
}
