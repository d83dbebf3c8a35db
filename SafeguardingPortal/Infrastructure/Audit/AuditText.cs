using System.Text;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>Makes text safe to show on one line or in one CSV cell: no forged lines, no spreadsheet formulas.</summary>
public static class AuditText
{
    /// <summary>Replaces line breaks, tabs and other control characters with visible escapes.</summary>
    public static string Neutralise(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(c switch
            {
                '\r' => "\\r",
                '\n' => "\\n",
                '\t' => "\\t",
                '\u2028' or '\u2029' or '\u0085' => " ",
                _ when char.IsControl(c) => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>A CSV cell: neutralised, quoted, and with a leading formula character defused.</summary>
    public static string CsvCell(string? value)
    {
        var text = Neutralise(value);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@')
        {
            text = "'" + text;
        }

        return "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
