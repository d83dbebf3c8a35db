using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Devices;

public enum DeviceKind
{
    Phone = 0,
    Tablet = 1,
    Laptop = 2,
}

/// <summary>What has been decided about a request. Expiry and "review due" are not stored here: they follow from the dates and the portal's clock.</summary>
public enum DeviceDecision
{
    Requested = 0,
    Approved = 1,
    Declined = 2,
    Revoked = 3,
}

/// <summary>Where an authorisation stands today, as the register shows it.</summary>
public enum DeviceAuthorisationState
{
    Requested = 0,
    Approved = 1,
    ReviewDue = 2,
    Expired = 3,
    Declined = 4,
    Revoked = 5,
}

/// <summary>
/// A request by (or for) a member of staff or volunteer to use a personal device to communicate with
/// children and young people, and a senior manager's decision on it.
/// </summary>
public sealed class DeviceAuthorisation
{
    public int Id { get; set; }

    /// <summary>A reference people can read out, e.g. "D-7K3M-9QXD"; also the printed record's reference.</summary>
    public string Reference { get; set; } = "";

    /// <summary>The member of staff or volunteer who would use the device.</summary>
    public int StaffMemberId { get; set; }

    public StaffMember? StaffMember { get; set; }

    public DeviceKind DeviceKind { get; set; }

    /// <summary>Identifies the device without its serial number or IMEI, e.g. "Black iPhone 13 in a blue case".</summary>
    public string DeviceDescription { get; set; } = "";

    public string WhyNoOrganisationalDevice { get; set; } = "";

    public string Purpose { get; set; } = "";

    /// <summary>The children, groups or activities it will be used to communicate with.</summary>
    public string CommunicatesWith { get; set; } = "";

    /// <summary>The apps or platforms, and the organisation-authorised accounts, to be used.</summary>
    public string AppsAndAccounts { get; set; } = "";

    public DateOnly RequestedFrom { get; set; }

    public DateOnly RequestedUntil { get; set; }

    public string RequestedByUserId { get; set; } = "";

    /// <summary>The requester's name as it was when they asked, so the record reads the same later.</summary>
    public string RequestedByName { get; set; } = "";

    public DateTimeOffset RequestedAtUtc { get; set; }

    public DeviceDecision Decision { get; set; }

    public string DecidedByUserId { get; set; } = "";

    public string DecidedByName { get; set; } = "";

    public DateTimeOffset? DecidedAtUtc { get; set; }

    /// <summary>The conditions of an approval, one per line.</summary>
    public string Conditions { get; set; } = "";

    /// <summary>Why a request was declined.</summary>
    public string DeclineReason { get; set; } = "";

    public DateOnly? ValidFrom { get; set; }

    /// <summary>The last day the authorisation is in force (inclusive).</summary>
    public DateOnly? ValidUntil { get; set; }

    public DateOnly? ReviewOn { get; set; }

    public string RevokedByUserId { get; set; } = "";

    public string RevokedByName { get; set; } = "";

    public DateTimeOffset? RevokedAtUtc { get; set; }

    public string RevocationReason { get; set; } = "";

    /// <summary>When its review was done (a renewal was asked for); an authorisation that has been reviewed is no longer "review due".</summary>
    public DateTimeOffset? ReviewedAtUtc { get; set; }

    /// <summary>The authorisation this request renews (made from its review), if any.</summary>
    public int? RenewalOfId { get; set; }

    public DeviceAuthorisation? RenewalOf { get; set; }

    /// <summary>The review date the background job sent a reminder for, so it reminds once per date.</summary>
    public DateOnly? ReviewReminderSentFor { get; set; }

    /// <summary>When the background job recorded the expiry and told the people concerned (the state itself follows from <see cref="ValidUntil"/>).</summary>
    public DateTimeOffset? ExpiryRecordedAtUtc { get; set; }

    public Guid Version { get; set; }

    public List<DeviceViewer> Viewers { get; set; } = [];
}

/// <summary>A named person who can see the communication made on the device (e.g. a line manager copied in).</summary>
public sealed class DeviceViewer
{
    public int Id { get; set; }

    public int DeviceAuthorisationId { get; set; }

    public DeviceAuthorisation? DeviceAuthorisation { get; set; }

    public string Name { get; set; } = "";

    /// <summary>How they see it, e.g. "Line manager, copied into every message" or "Second adult in the group chat".</summary>
    public string HowTheySee { get; set; } = "";

    public int Position { get; set; }
}

internal sealed class DeviceAuthorisationConfiguration : IEntityTypeConfiguration<DeviceAuthorisation>
{
    public void Configure(EntityTypeBuilder<DeviceAuthorisation> builder)
    {
        builder.ToTable("DeviceAuthorisations");
        builder.Property(a => a.Reference).HasMaxLength(16);
        builder.HasIndex(a => a.Reference).IsUnique();
        builder.Property(a => a.DeviceKind).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.DeviceDescription).HasMaxLength(DeviceAuthorisationRules.DescriptionLength);
        builder.Property(a => a.WhyNoOrganisationalDevice).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.Purpose).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.CommunicatesWith).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.AppsAndAccounts).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.RequestedByUserId).HasMaxLength(450);
        builder.Property(a => a.RequestedByName).HasMaxLength(200);
        builder.Property(a => a.Decision).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.DecidedByUserId).HasMaxLength(450);
        builder.Property(a => a.DecidedByName).HasMaxLength(200);
        builder.Property(a => a.Conditions).HasMaxLength(DeviceAuthorisationRules.ConditionsLength);
        builder.Property(a => a.DeclineReason).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.RevokedByUserId).HasMaxLength(450);
        builder.Property(a => a.RevokedByName).HasMaxLength(200);
        builder.Property(a => a.RevocationReason).HasMaxLength(DeviceAuthorisationRules.TextLength);
        builder.Property(a => a.Version).IsConcurrencyToken();

        // The job's bookkeeping is not part of the record.
        builder.Property(a => a.ReviewReminderSentFor).IsIgnoredByAudit();
        builder.HasIndex(a => new { a.Decision, a.ValidUntil });
        builder.HasIndex(a => a.RequestedByUserId);
        builder.HasOne(a => a.StaffMember).WithMany().HasForeignKey(a => a.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.RenewalOf).WithMany().HasForeignKey(a => a.RenewalOfId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeviceViewerConfiguration : IEntityTypeConfiguration<DeviceViewer>
{
    public void Configure(EntityTypeBuilder<DeviceViewer> builder)
    {
        builder.ToTable("DeviceViewers");
        builder.Property(v => v.Name).HasMaxLength(DeviceAuthorisationRules.ViewerNameLength);
        builder.Property(v => v.HowTheySee).HasMaxLength(DeviceAuthorisationRules.ViewerHowLength);
        builder.HasOne(v => v.DeviceAuthorisation).WithMany(a => a.Viewers).HasForeignKey(v => v.DeviceAuthorisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
