using System.Globalization;
using System.Net;
using System.Text;
using MimeKit;

namespace SafeguardingPortal.Infrastructure.Email.Queue;

/// <summary>
/// A staff notification e-mail from lines of plain text: the same words as text and as simple HTML, the
/// line equal to <c>link</c> shown as a link, and an optional PDF attached.
/// </summary>
public static class PlainEmail
{
    public static MimeMessage Build(OutgoingEmail email, string subject, IReadOnlyList<string> lines, string? link, string linkText, (string FileName, byte[] Bytes)? pdf = null)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(lines);
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(email.ToName, email.ToAddress));
        message.Subject = subject;
        message.MessageId = MimeKit.Utils.MimeUtils.GenerateMessageId();
        var html = new StringBuilder("<!DOCTYPE html><html lang=\"en-GB\"><body style=\"font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1b1b1b\">");
        foreach (var line in lines.Where(l => l.Length > 0))
        {
            html.Append(link is not null && line == link
                ? string.Create(CultureInfo.InvariantCulture, $"<p><a href=\"{WebUtility.HtmlEncode(link)}\">{WebUtility.HtmlEncode(linkText)}</a> ({WebUtility.HtmlEncode(link)})</p>")
                : $"<p>{WebUtility.HtmlEncode(line)}</p>");
        }

        html.Append("</body></html>");
        var body = new BodyBuilder { TextBody = string.Join("\n", lines), HtmlBody = html.ToString() };
        if (pdf is { } file)
        {
            body.Attachments.Add(file.FileName, file.Bytes, new ContentType("application", "pdf"));
        }

        message.Body = body.ToMessageBody();
        return message;
    }
}
