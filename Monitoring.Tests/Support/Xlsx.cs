using System.IO.Compression;
using System.Security;
using System.Text;

namespace Monitoring.Tests.Support;

/// <summary>
/// Builds small .xlsx workbooks in code (the minimal parts Excel needs, inline strings), so test
/// spreadsheets are readable in the test itself rather than binary fixtures.
/// </summary>
public static class Xlsx
{
    /// <summary>A workbook of sheets, each given as the XML inside &lt;worksheet&gt; (sheetData and friends).</summary>
    public static byte[] Workbook(params (string Name, string SheetXml)[] sheets)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            var overrides = string.Concat(sheets.Select((_, i) =>
                $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"));
            Add(zip, "[Content_Types].xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>" +
                "<Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                overrides + "</Types>");
            Add(zip, "_rels/.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>");
            Add(zip, "xl/workbook.xml",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                string.Concat(sheets.Select((s, i) => $"<sheet name=\"{SecurityElement.Escape(s.Name)}\" sheetId=\"{i + 1}\" r:id=\"rId{i + 1}\"/>")) +
                "</sheets></workbook>");
            Add(zip, "xl/_rels/workbook.xml.rels",
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                string.Concat(sheets.Select((_, i) =>
                    $"<Relationship Id=\"rId{i + 1}\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet{i + 1}.xml\"/>")) +
                "</Relationships>");
            for (var i = 0; i < sheets.Length; i++)
            {
                Add(zip, $"xl/worksheets/sheet{i + 1}.xml",
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                    sheets[i].SheetXml + "</worksheet>");
            }
        }
        return buffer.ToArray();
    }

    /// <summary>A sheet of rows: numbers (double, int) as number cells, everything else as inline strings.</summary>
    public static string Sheet(params object[][] rows) =>
        "<sheetData>" + string.Concat(rows.Select((cells, r) => Row(r + 1, cells))) + "</sheetData>";

    public static string Row(int number, params object[] cells)
    {
        var builder = new StringBuilder($"<row r=\"{number}\">");
        for (var c = 0; c < cells.Length; c++)
        {
            var reference = $"{(char)('A' + c)}{number}";
            builder.Append(cells[c] switch
            {
                double or int => $"<c r=\"{reference}\"><v>{Convert.ToString(cells[c], System.Globalization.CultureInfo.InvariantCulture)}</v></c>",
                _ => $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{SecurityElement.Escape(cells[c].ToString())}</t></is></c>",
            });
        }
        return builder.Append("</row>").ToString();
    }

    private static void Add(ZipArchive zip, string name, string content)
    {
        using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
        writer.Write(content);
    }
}
