using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Consent;

/// <summary>Who an invitation (and the signature that answers it) speaks for.</summary>
public enum SignerKind
{
    /// <summary>A parent or carer with parental responsibility, for their child.</summary>
    ParentCarer = 0,

    /// <summary>The child, for themselves.</summary>
    Child = 1,

    /// <summary>A member of staff, volunteer or contract worker, for themselves.</summary>
    Adult = 2,
}

public enum InvitationStatus
{
    Awaiting = 0,

    /// <summary>Signed: the signer gave or refused each item.</summary>
    Answered = 1,
    Revoked = 2,
}

/// <summary>
/// One request for consent sent from an activity with one published template version. What the
/// activity was (its descriptions, platform) and who to contact are copied in when it is sent, so the
/// text a signer was shown never changes when the activity is edited later.
/// </summary>
public sealed class ConsentRequest
{
    public int Id { get; set; }

    public int ActivityId { get; set; }

    public Activity? Activity { get; set; }

    public int TemplateVersionId { get; set; }

    public ConsentTemplateVersion? TemplateVersion { get; set; }

    public ConsentAudience Audience { get; set; }

    public string OrganisationName { get; set; } = "";

    public string ActivityTitle { get; set; } = "";

    public string ActivityDescription { get; set; } = "";

    public string WhyOnline { get; set; } = "";

    public string Benefits { get; set; } = "";

    public string Risks { get; set; } = "";

    public string PlatformName { get; set; } = "";

    public string ContactName { get; set; } = "";

    public string ContactEmail { get; set; } = "";

    public string ContactPhone { get; set; } = "";

    public string Helpline { get; set; } = "";

    /// <summary>The declaration shown above a parent's, carer's or adult's signature.</summary>
    public string Declaration { get; set; } = "";

    /// <summary>The declaration shown above a child's signature.</summary>
    public string ChildDeclaration { get; set; } = "";

    /// <summary>
    /// For a form that asks about recording sessions: the recording policy version active when it was
    /// sent, whose terms (below, in plain words) the signers are shown.
    /// </summary>
    public int? RecordingPolicyId { get; set; }

    /// <summary>Why sessions are recorded, from the policy.</summary>
    public string RecordingPurpose { get; set; } = "";

    /// <summary>How long recordings are kept and how they are disposed of.</summary>
    public string RecordingKeptFor { get; set; } = "";

    /// <summary>Who may see recordings, and how.</summary>
    public string RecordingSeenBy { get; set; } = "";

    public DateTimeOffset CreatedAtUtc { get; set; }

    public string CreatedBy { get; set; } = "";

    public List<ConsentInvitation> Invitations { get; set; } = [];
}

/// <summary>
/// One person asked to sign one request: a parent or carer for a child, the child, or an adult for
/// themselves. It is reached through e-mailed links whose tokens are stored only as hashes.
/// </summary>
public sealed class ConsentInvitation
{
    public int Id { get; set; }

    /// <summary>The random, non-guessable identifier in the signing page's address (never the token).</summary>
    public string PublicId { get; set; } = "";

    public int RequestId { get; set; }

    public ConsentRequest? Request { get; set; }

    public SignerKind SignerKind { get; set; }

    /// <summary>The child the consent is for (null for adults).</summary>
    public int? ChildId { get; set; }

    public int? ParentCarerId { get; set; }

    public int? StaffMemberId { get; set; }

    /// <summary>Whose consent this is, as shown on the form: the child's or the adult's name when sent.</summary>
    public string SubjectName { get; set; } = "";

    public string RecipientName { get; set; } = "";

    public string RecipientEmail { get; set; } = "";

    /// <summary>The parent's or carer's relationship to the child, when sent.</summary>
    public string Relationship { get; set; } = "";

    public InvitationStatus Status { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public DateTimeOffset ExpiresAtUtc { get; set; }

    public DateTimeOffset? FirstSentAtUtc { get; set; }

    public DateTimeOffset? OpenedAtUtc { get; set; }

    public DateTimeOffset? SignedAtUtc { get; set; }

    /// <summary>Set once by the invitations job when the invitation lapses unanswered.</summary>
    public DateTimeOffset? ExpiredAtUtc { get; set; }

    public DateTimeOffset? RevokedAtUtc { get; set; }

    public string RevokedReason { get; set; } = "";

    public int RemindersSent { get; set; }

    /// <summary>SHA-256 of exactly what the signing page shows for this invitation (see <see cref="ConsentPresentation"/>).</summary>
    public string PresentedSha256 { get; set; } = "";

    public Guid Version { get; set; }

    public List<ConsentInvitationEvent> Events { get; set; } = [];
}

public enum TokenPurpose
{
    Sign = 0,
    Withdraw = 1,
}

/// <summary>
/// The SHA-256 of one e-mailed token. The raw token exists only in the e-mail that carries it. A sign
/// token works until its invitation expires, is signed, revoked or re-sent; a withdraw token belongs to
/// a signature and works for withdrawing only, for as long as there is something to withdraw.
/// </summary>
public sealed class ConsentToken
{
    public long Id { get; set; }

    public byte[] Hash { get; set; } = [];

    public TokenPurpose Purpose { get; set; }

    public int InvitationId { get; set; }

    public int? SignatureId { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public DateTimeOffset? InvalidatedAtUtc { get; set; }
}

/// <summary>What happened to an invitation, in order: the evidence behind a signature.</summary>
public sealed class ConsentInvitationEvent
{
    public long Id { get; set; }

    public int InvitationId { get; set; }

    public DateTimeOffset AtUtc { get; set; }

    /// <summary>One of <see cref="InvitationEventKinds"/>.</summary>
    public string Kind { get; set; } = "";

    public string Detail { get; set; } = "";

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";
}

public static class InvitationEventKinds
{
    public const string Created = "Created";
    public const string Sent = "Sent";
    public const string SendFailed = "SendFailed";
    public const string ReminderSent = "ReminderSent";
    public const string Resent = "Resent";
    public const string Opened = "Opened";
    public const string Answered = "Signed";
    public const string Expired = "Expired";
    public const string Revoked = "Revoked";
}

internal sealed class ConsentRequestConfiguration : IEntityTypeConfiguration<ConsentRequest>
{
    public void Configure(EntityTypeBuilder<ConsentRequest> builder)
    {
        builder.ToTable("ConsentRequests");
        builder.Property(r => r.Audience).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.OrganisationName).HasMaxLength(200);
        builder.Property(r => r.ActivityTitle).HasMaxLength(200);
        builder.Property(r => r.PlatformName).HasMaxLength(100);
        builder.Property(r => r.ContactName).HasMaxLength(200);
        builder.Property(r => r.ContactEmail).HasMaxLength(254);
        builder.Property(r => r.ContactPhone).HasMaxLength(40);
        builder.Property(r => r.Helpline).HasMaxLength(200);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.Property(r => r.RecordingPurpose).HasMaxLength(Recordings.RecordingPolicyRules.SectionLength);
        builder.Property(r => r.RecordingKeptFor).HasMaxLength(Recordings.RecordingPolicyRules.SectionLength + 200);
        builder.Property(r => r.RecordingSeenBy).HasMaxLength(Recordings.RecordingPolicyRules.SectionLength + 2000);
        builder.HasOne<Recordings.RecordingPolicy>().WithMany().HasForeignKey(r => r.RecordingPolicyId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.ActivityId);
        builder.HasOne(r => r.Activity).WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.TemplateVersion).WithMany().HasForeignKey(r => r.TemplateVersionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Invitations).WithOne(i => i.Request).HasForeignKey(i => i.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentInvitationConfiguration : IEntityTypeConfiguration<ConsentInvitation>
{
    public void Configure(EntityTypeBuilder<ConsentInvitation> builder)
    {
        builder.ToTable("ConsentInvitations");
        builder.Property(i => i.PublicId).HasMaxLength(32);
        builder.Property(i => i.SignerKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.SubjectName).HasMaxLength(220);
        builder.Property(i => i.RecipientName).HasMaxLength(220);
        builder.Property(i => i.RecipientEmail).HasMaxLength(254);
        builder.Property(i => i.Relationship).HasMaxLength(60);
        builder.Property(i => i.RevokedReason).HasMaxLength(500);
        builder.Property(i => i.PresentedSha256).HasMaxLength(64);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => i.PublicId).IsUnique();
        builder.HasIndex(i => new { i.Status, i.ExpiresAtUtc });
        builder.HasIndex(i => i.ChildId);
        builder.HasIndex(i => i.StaffMemberId);
        builder.HasMany(i => i.Events).WithOne().HasForeignKey(e => e.InvitationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentTokenConfiguration : IEntityTypeConfiguration<ConsentToken>
{
    public void Configure(EntityTypeBuilder<ConsentToken> builder)
    {
        // Token hashes are neither people's data nor changes anyone makes: the sending, opening and
        // failed uses they stand for are recorded as invitation events and audit events instead.
        builder.ToTable("ConsentTokens");
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
        builder.Property(t => t.Hash).HasMaxLength(32);
        builder.Property(t => t.Purpose).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(t => t.Hash).IsUnique();
        builder.HasIndex(t => t.InvitationId);
        builder.HasOne<ConsentInvitation>().WithMany().HasForeignKey(t => t.InvitationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ConsentInvitationEventConfiguration : IEntityTypeConfiguration<ConsentInvitationEvent>
{
    public void Configure(EntityTypeBuilder<ConsentInvitationEvent> builder)
    {
        // The evidence log is append-only (the database refuses changes) and is itself a record of
        // events; it is not repeated into the audit trail one row at a time.
        builder.ToTable("ConsentInvitationEvents");
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
        builder.Property(e => e.Kind).HasMaxLength(24);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.IpAddress).HasMaxLength(64);
        builder.Property(e => e.UserAgent).HasMaxLength(512);
        builder.HasIndex(e => new { e.InvitationId, e.AtUtc });
    }
}
