using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SafeguardingPortal.Infrastructure.Email;

/// <summary>
/// Sends through the configured SMTP server with MailKit: one connection per batch (signed in when a
/// user name is set), each message in turn, then QUIT. A message the server refuses fails alone; when
/// the connection is lost the rest of the batch goes over a new one. A message whose sending failed is
/// not retried here, because the server may already have accepted it: the caller decides.
/// </summary>
public sealed class SmtpEmailTransport(IOptions<EmailOptions> options, ILogger<SmtpEmailTransport> logger) : IEmailTransport
{
    private readonly EmailOptions options = options.Value;

    public string Description => $"SMTP server {options.Smtp.Host.Trim()}:{options.Smtp.Port}";

    public bool IsOutboxFolder => false;

    public async Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new EmailDeliveryResult[messages.Count];
        if (messages.Count == 0)
        {
            return results;
        }

        using var client = new SmtpClient { Timeout = Math.Max(1, options.Smtp.TimeoutSeconds) * 1000 };
        for (var i = 0; i < messages.Count; i++)
        {
            if (!client.IsConnected)
            {
                var connectError = await TryConnectAsync(client, ct);
                if (connectError is not null)
                {
                    // Nothing more can go out in this batch: every message still waiting gets the same reason.
                    Array.Fill(results, new EmailDeliveryResult(false, connectError), i, messages.Count - i);
                    break;
                }
            }

            results[i] = await SendOneAsync(client, messages[i], ct);
        }

        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
            catch (Exception)
            {
                // Every message has its result already; a QUIT that fails changes none of them.
            }
        }

        var failed = results.Count(r => !r.Delivered);
        if (failed > 0)
        {
            logger.LogWarning("{Transport}: {Failed} of {Count} e-mails were not delivered; first reason: {Error}",
                Description, failed, results.Length, results.First(r => !r.Delivered).Error);
        }

        return results;
    }

    private async Task<string?> TryConnectAsync(SmtpClient client, CancellationToken ct)
    {
        var smtp = options.Smtp;
        try
        {
            await client.ConnectAsync(smtp.Host.Trim(), smtp.Port, smtp.Security.ToSecureSocketOptions(), ct);
            if (!string.IsNullOrEmpty(smtp.UserName))
            {
                await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
            }

            return null;
        }
        catch (Exception ex) when (!IsCancellation(ex, ct))
        {
            await DropAsync(client);
            return Describe(ex, connecting: true);
        }
    }

    private async Task<EmailDeliveryResult> SendOneAsync(SmtpClient client, MimeMessage message, CancellationToken ct)
    {
        try
        {
            EmailMessages.EnsureFrom(message, options);
            await client.SendAsync(message, ct);
            return new EmailDeliveryResult(true, null);
        }
        catch (Exception ex) when (!IsCancellation(ex, ct))
        {
            // A refused recipient leaves the session usable (MailKit resets it); a broken one does not.
            // Check with a NOOP so the next message goes over a new connection rather than failing too.
            if (client.IsConnected)
            {
                try
                {
                    await client.NoOpAsync(ct);
                }
                catch (Exception probe) when (!IsCancellation(probe, ct))
                {
                    await DropAsync(client);
                }
            }

            return new EmailDeliveryResult(false, Describe(ex, connecting: false));
        }
    }

    private static async Task DropAsync(SmtpClient client)
    {
        if (client.IsConnected)
        {
            try
            {
                await client.DisconnectAsync(quit: false, CancellationToken.None);
            }
            catch (Exception)
            {
                // Already gone, or going: either way a new connection is what comes next.
            }
        }
    }

    private static bool IsCancellation(Exception ex, CancellationToken ct) => ex is OperationCanceledException && ct.IsCancellationRequested;

    /// <summary>What went wrong, in words an administrator can act on; never the password.</summary>
    private string Describe(Exception ex, bool connecting)
    {
        var server = $"{options.Smtp.Host.Trim()}:{options.Smtp.Port}";
        var text = ex switch
        {
            SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c =>
                $"The SMTP server refused the recipient {c.Mailbox?.Address}: {(int)c.StatusCode} {c.Message}",
            SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } c =>
                $"The SMTP server refused the sender {c.Mailbox?.Address}: {(int)c.StatusCode} {c.Message}",
            SmtpCommandException c => $"The SMTP server refused the message: {(int)c.StatusCode} {c.Message}",
            AuthenticationException => $"The SMTP server {server} did not accept the configured user name and password.",
            SslHandshakeException => $"Could not set up a secure (TLS) connection with the SMTP server {server}; check Email:Smtp:Security and Port.",
            SocketException s => $"Could not connect to the SMTP server {server}: {s.Message}",
            TimeoutException or OperationCanceledException => $"The SMTP server {server} did not answer within {options.Smtp.TimeoutSeconds} seconds.",
            NotSupportedException when connecting => $"The SMTP server {server} does not support what Email:Smtp asks for: {ex.Message}",
            ServiceNotConnectedException or SmtpProtocolException or IOException => connecting
                ? $"Could not talk to the SMTP server {server}: {ex.Message}"
                : $"The connection to the SMTP server {server} was lost while sending: {ex.Message}",
            _ => connecting ? $"Could not connect to the SMTP server {server}: {ex.Message}" : $"The message could not be sent: {ex.Message}",
        };
        return EmailMessages.OneLine(text);
    }
}
