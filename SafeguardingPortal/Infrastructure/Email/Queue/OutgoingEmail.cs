using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Email.Queue;

public enum OutgoingEmailStatus
{
    /// <summary>Waiting to be sent, or to be tried again after a failure.</summary>
    Queued = 0,
    Sent = 1,

    /// <summary>Gave up after <see cref="EmailDispatcher.MaxAttempts"/> attempts; staff can retry.</summary>
    Failed = 2,

    /// <summary>No longer needed when its turn came (e.g. a reminder for a form already signed).</summary>
    Cancelled = 3,
}

/// <summary>
/// An e-mail the portal owes someone. The row is written in the same transaction as the change that
/// needs it, so nothing is lost when the mail server is down; its content (including any link token) is
/// composed only when it is sent, so no raw token is ever stored.
/// </summary>
public sealed class OutgoingEmail
{
    public long Id { get; set; }

    /// <summary>What the e-mail is, e.g. "ConsentInvitation"; chooses its <see cref="IEmailComposer"/>.</summary>
    public string Kind { get; set; } = "";

    /// <summary>The record the e-mail is about, interpreted by its composer (e.g. an invitation id).</summary>
    public int RelatedId { get; set; }

    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    /// <summary>Filled in when composed.</summary>
    public string Subject { get; set; } = "";

    public OutgoingEmailStatus Status { get; set; }

    public int Attempts { get; set; }

    public string LastError { get; set; } = "";

    public DateTimeOffset CreatedAtUtc { get; set; }

    public DateTimeOffset NextAttemptAtUtc { get; set; }

    public DateTimeOffset? LastAttemptAtUtc { get; set; }

    public DateTimeOffset? SentAtUtc { get; set; }

    /// <summary>The dispatcher run that holds this row; with <see cref="ClaimedUntilUtc"/> it stops two instances sending it twice.</summary>
    public string ClaimedBy { get; set; } = "";

    public DateTimeOffset? ClaimedUntilUtc { get; set; }
}

internal sealed class OutgoingEmailConfiguration : IEntityTypeConfiguration<OutgoingEmail>
{
    public void Configure(EntityTypeBuilder<OutgoingEmail> builder)
    {
        // Delivery bookkeeping: each dispatch run writes one audit event for its batch instead.
        builder.ToTable("OutgoingEmails");
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
        builder.Property(e => e.Kind).HasMaxLength(40);
        builder.Property(e => e.ToAddress).HasMaxLength(254);
        builder.Property(e => e.ToName).HasMaxLength(220);
        builder.Property(e => e.Subject).HasMaxLength(300);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.LastError).HasMaxLength(500);
        builder.Property(e => e.ClaimedBy).HasMaxLength(64);
        builder.HasIndex(e => new { e.Status, e.NextAttemptAtUtc });
        builder.HasIndex(e => new { e.Kind, e.RelatedId });
    }
}
