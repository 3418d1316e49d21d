using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// A dashboard page whose post forms get the antiforgery token when it is sent: the page builders
/// write plain HTML without a request at hand, and this one place adds the token to every
/// <c>&lt;form method="post"&gt;</c> (<see cref="FormToken.Required"/> checks it on the way back).
/// </summary>
public sealed partial class FormTokenPage(string html) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        var page = PostForm().IsMatch(html)
            ? PostForm().Replace(html, match => match.Value + FormToken.Field(httpContext))
            : html;
        return Results.Content(page, "text/html; charset=utf-8").ExecuteAsync(httpContext);
    }

    [GeneratedRegex("<form\\b[^>]*\\bmethod=\"post\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}
