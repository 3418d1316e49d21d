using PdfSharp.Fonts;

namespace Monitoring.Ingest.Reports;

/// <summary>PDFsharp finds no system fonts on Linux: it gets the DejaVu Sans shipped with the service, so the brief looks the same everywhere.</summary>
public sealed class ShippedFontResolver : IFontResolver
{
    private static readonly Lock InstallLock = new();
    private static bool _installed;

    public static void Install()
    {
        lock (InstallLock)
        {
            if (_installed)
                return;
            GlobalFontSettings.FontResolver = new ShippedFontResolver();
            _installed = true;
        }
    }

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? "DejaVuSans-Bold" : "DejaVuSans");

    public byte[] GetFont(string faceName) =>
        File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Assets", "Fonts", faceName + ".ttf"));

    public static string Family => ChartRenderer.FontName;
}
