using Monitoring.Api.Auth;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Who saves a dashboard form: the signed-in person (or key holder), when their role may write.
/// The routes already require the write policy; this names the writer for journals and history.
/// </summary>
public static class FormWriter
{
    public sealed record Writer(string Name);

    public static Writer? Of(HttpContext context)
    {
        var user = context.User;
        return user.Identity?.IsAuthenticated == true && (user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Analyst))
            ? new Writer(user.Identity.Name ?? user.ActorName())
            : null;
    }
}
