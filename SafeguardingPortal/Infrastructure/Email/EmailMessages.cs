using MimeKit;

namespace SafeguardingPortal.Infrastructure.Email;

internal static class EmailMessages
{
    /// <summary>Gives a message without a From header the portal's own sender.</summary>
    public static void EnsureFrom(MimeMessage message, EmailOptions options)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(new MailboxAddress(options.FromName, options.FromAddress));
        }
    }

    /// <summary>An error short enough for a page or a log line: one line, at most 300 characters.</summary>
    public static string OneLine(string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return line.Length > 300 ? line[..299] + "…" : line;
    }
}
