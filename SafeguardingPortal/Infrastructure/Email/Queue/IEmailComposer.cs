using MimeKit;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Email.Queue;

/// <summary>
/// Writes the e-mails of some kinds when their turn to be sent comes. A feature registers one for its
/// kinds (<c>services.AddSingleton&lt;IEmailComposer, X&gt;()</c>).
/// </summary>
public interface IEmailComposer
{
    bool Handles(string kind);

    /// <summary>
    /// Builds one message per e-mail, in order, or null when the e-mail is no longer needed. It may add
    /// rows to <paramref name="db"/> (e.g. token hashes); they are saved before anything is sent.
    /// </summary>
    Task<IReadOnlyList<MimeMessage?>> ComposeAsync(PortalDbContext db, IReadOnlyList<OutgoingEmail> emails, CancellationToken ct);

    /// <summary>Records the outcome of one attempt against the feature's own records (e.g. invitation events).</summary>
    Task RecordOutcomeAsync(PortalDbContext db, IReadOnlyList<(OutgoingEmail Email, EmailDeliveryResult Result)> outcomes, CancellationToken ct);
}
