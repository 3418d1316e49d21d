using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;
using Monitoring.Api.Auth;
using Monitoring.Ingest.Data;
using static Monitoring.Api.Dashboard.Html;

namespace Monitoring.Api.Dashboard;

/// <summary>
/// Signing in and out, in Danish. A personal link opens a page with one button: the link is used up
/// by the button's post, not by opening it, so a mail scanner that fetches links cannot spend it.
/// </summary>
public static class SignInPages
{
    public static string LinkPath(string token) => SessionCookie.SignInPath + "/link/" + token;

    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("").ExcludeFromDescription().AllowAnonymous().SessionRoute();
        pages.MapGet(SessionCookie.SignInPath, SignInPage);
        pages.MapGet(SessionCookie.SignInPath + "/link/{token}", LinkPage);
        pages.MapPost(SessionCookie.SignInPath + "/link/{token}", RedeemAsync).Required();
        pages.MapGet(SessionCookie.SignInPath + "/oidc", (string? tilbage, IOptions<OidcOptions> oidc) =>
            oidc.Value.Enabled
                ? Results.Challenge(new AuthenticationProperties { RedirectUri = LocalOnly(tilbage) }, [OidcSignIn.SchemeName])
                : Results.NotFound());
        pages.MapPost("/log-ud", SignOutAsync).Required();
    }

    /// <summary>Only a path on this site is followed after sign-in, never an address from the URL.</summary>
    public static string LocalOnly(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";

    private static IResult SignInPage(HttpContext context, string? grund, string? tilbage, IOptions<OidcOptions> oidc)
    {
        // Messages by code: the page never shows text taken from the URL.
        var signedIn = context.User.Identity?.IsAuthenticated == true;
        var message = grund switch
        {
            "rolle" when !signedIn => "Log ind for at se siden.",
            "rolle" => "Du er logget ind, men din rolle giver ikke adgang til den side. Log ind med en anden bruger, eller bed en administrator om adgang.",
            "link" => "Linket er ugyldigt, allerede brugt eller udløbet. Bed en administrator om et nyt.",
            "oidc" => "Log ind via organisationens konto mislykkedes. Prøv igen.",
            "ingen-rolle" => "Din konto har ingen rolle i Monitorering. Bed en administrator om adgang.",
            "ud" => "Du er logget ud.",
            _ => null,
        };
        var user = context.User;
        var body = new System.Text.StringBuilder();
        if (message is not null)
            body.Append(Danish, $"<p class=\"card\">{E(message)}</p>");
        if (user.Identity?.IsAuthenticated == true)
        {
            body.Append(Danish, $"<p>Du er logget ind som <strong>{E(user.Identity.Name)}</strong> ({E(RoleText(user))}).</p>");
            body.Append(Danish, $"<form method=\"post\" action=\"/log-ud\"><button>Log ud</button></form>");
        }
        body.Append("<p>Man logger ind med et personligt link fra en administrator. Linket virker én gang og kun kort tid.</p>");
        if (oidc.Value.Enabled)
            body.Append(Danish, $"<p><a class=\"card\" href=\"{SessionCookie.SignInPath}/oidc?tilbage={U(LocalOnly(tilbage))}\">Log ind med organisationens konto</a></p>");
        return Page("Log ind", body.ToString());
    }

    // The form token is added by the page frame (FormTokenPage), as on every dashboard form.
    private static IResult LinkPage(string token) =>
        Page("Log ind", $"""
            <form method="post" action="{E(LinkPath(token))}">
            <p>Du er ved at logge ind med dit personlige link. Linket kan kun bruges én gang.</p>
            <button>Log ind</button></form>
            """);

    private static async Task<IResult> RedeemAsync(
        HttpContext context, string token, SignInLinkStore links, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await links.RedeemAsync(token, cancellationToken) is not { } grant)
            return Results.Redirect(SessionCookie.SignInPath + "?grund=link");
        var actor = $"{grant.PersonName} (link {grant.LinkId})";
        var identity = CallerClaims.Identity("Session", grant.PersonName, grant.Role, grant.PlanScope, actor);
        if (grant.SteeringGroup is { } group)
            identity.AddClaim(new Claim(CallerClaims.SteeringGroupClaim, group));
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity),
            new AuthenticationProperties { IsPersistent = false });
        await audit.RecordAsync(actor, "sign-in", grant.PersonName,
            $"link {grant.LinkId}, role {grant.Role}, plans {(grant.PlanScope.Count == 0 ? "all" : string.Join(",", grant.PlanScope))}"
            + (grant.SteeringGroup is { } steering ? $", steering group {steering}" : ""), cancellationToken);
        return Results.Redirect("/");
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, AuditLog audit, CancellationToken cancellationToken)
    {
        if (context.User.Identity?.IsAuthenticated == true)
            await audit.RecordAsync(context.User.ActorName(), "sign-out", context.User.Identity.Name ?? "", null, cancellationToken);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect(SessionCookie.SignInPath + "?grund=ud");
    }

    private static string RoleText(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) ? "administrator"
        : user.IsInRole(Roles.Analyst) ? "analytiker"
        : user.IsInRole(Roles.BiReader) ? "BI-læser"
        : "læser";
}
