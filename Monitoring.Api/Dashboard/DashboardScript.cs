namespace Monitoring.Api.Dashboard;

/// <summary>
/// The dashboard's only script, served as a file so the Content-Security-Policy can forbid inline
/// script. It adds conveniences only; every page works without it.
/// </summary>
public static class DashboardScript
{
    public const string Path = "/dashboard.js";

    private const string Source = """
        document.querySelectorAll('select[data-autosubmit]').forEach(function (select) {
          select.addEventListener('change', function () { select.form.submit(); });
        });
        document.querySelectorAll('form[data-busy]').forEach(function (form) {
          form.addEventListener('submit', function () { form.classList.add('busy'); });
        });
        """;

    public static IResult Serve() => Results.Text(Source, "text/javascript; charset=utf-8");
}
