namespace SafeguardingPortal.Infrastructure.Email;

/// <summary>What happened to one message of a batch: delivered (to the server or the outbox folder), or why not.</summary>
public sealed record EmailDeliveryResult(bool Delivered, string? Error);

/// <summary>How the portal's e-mail leaves it: an SMTP server, or the outbox folder when none is configured.</summary>
public interface IEmailTransport
{
    /// <summary>"SMTP server mail.example.org:587" or "Outbox folder" – for pages and logs.</summary>
    string Description { get; }

    bool IsOutboxFolder { get; }

    /// <summary>
    /// Sends a batch over one connection; returns one result per message, in order. Never throws for a delivery failure
    /// (server down, refused recipient): those become results with Delivered=false and a short, human-readable Error without secrets.
    /// Throws only for cancellation.
    /// </summary>
    Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<MimeKit.MimeMessage> messages, CancellationToken ct);
}
