namespace Monitoring.Api.Dashboard;

/// <summary>
/// What the chain page says after one of its forms was posted. The redirect carries a code, not
/// the sentence, so nobody can make the page show words of their own through a link.
/// </summary>
public static class ChainNote
{
    public const string Changed = "aendret";
    public const string Unchanged = "uaendret";
    public const string BadStatus = "ugyldig-status";
    public const string Confirmed = "bekraeftet";
    public const string Dismissed = "afvist";
    public const string AlreadyDecided = "behandlet";
    public const string Gone = "forsvundet";
    public const string NoFile = "ingen-fil";
    public const string BadAmount = "ugyldigt-beloeb";

    /// <summary>The sentence for a code, naming the activity where there is one; null for an unknown code.</summary>
    public static string? Text(string? code, string? activityTitle) => code switch
    {
        Changed => $"Ændringen af \"{activityTitle}\" er gemt; den tidligere udgave står i aktivitetens historik.",
        Unchanged => $"\"{activityTitle}\" er uændret: intet blev gemt.",
        BadStatus => $"Status for \"{activityTitle}\" blev ikke gemt: vælg planlagt, i gang, forsinket, afsluttet eller stoppet.",
        Confirmed => "Forslaget er bekræftet og kommer med i bestyrelsesnotatet under \"Sager til bestyrelsen\".",
        Dismissed => "Forslaget er afvist; det foreslås ikke igen, så længe de samme forhold gælder.",
        AlreadyDecided => "Forslaget er allerede behandlet.",
        Gone => "Forslaget findes ikke længere: data har ændret sig, siden siden blev vist.",
        BadAmount => $"Forbruget for \"{activityTitle}\" blev ikke gemt: skriv et beløb i kroner, fx 150.000.",
        NoFile => "Vælg aktivitetslisten (CSV, .xlsx eller .xls), før du uploader.",
        _ => null,
    };
}
