using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;

namespace SafeguardingPortal.Features.SocialAccounts;

public enum SocialAccountStatus
{
    Proposed = 0,
    Authorised = 1,
    Suspended = 2,
    Closed = 3,
}

public enum StrangerMessages
{
    NotConfirmed = 0,
    Restricted = 1,

    /// <summary>The platform offers no setting to restrict them.</summary>
    PlatformDoesNotAllow = 2,
}

/// <summary>A social-media account the organisation uses to communicate with children and young people.</summary>
public sealed class SocialAccount
{
    public int Id { get; set; }

    public int PlatformId { get; set; }

    public Platform? Platform { get; set; }

    /// <summary>The handle or address, e.g. @riverside_youth or https://….</summary>
    public string Handle { get; set; } = "";

    public string Purpose { get; set; } = "";

    /// <summary>Groups it serves besides the activities linked to it, e.g. "Youth forum members".</summary>
    public string Groups { get; set; } = "";

    public int ResponsibleStaffMemberId { get; set; }

    public StaffMember? ResponsibleStaffMember { get; set; }

    public string RecoveryEmail { get; set; } = "";

    /// <summary>The proposer confirmed the organisation owns the account; personal accounts are never authorised.</summary>
    public bool OwnedByOrganisation { get; set; }

    public SocialAccountStatus Status { get; set; }

    /// <summary>Why it was suspended or closed.</summary>
    public string StatusReason { get; set; } = "";

    public string ProposedByUserId { get; set; } = "";

    public DateTimeOffset ProposedAtUtc { get; set; }

    /// <summary>Who last changed the account's details: like the proposer, they may not authorise it.</summary>
    public string LastEditedByUserId { get; set; } = "";

    public string AuthorisedByUserId { get; set; } = "";

    public DateTimeOffset? AuthorisedAtUtc { get; set; }

    public bool PrivacySettingsOn { get; set; }

    public bool TwoFactorOn { get; set; }

    public bool RecoveryEmailIsOrganisational { get; set; }

    public StrangerMessages StrangerMessages { get; set; }

    /// <summary>Why the account may be used although an activity it serves admits children below the platform's minimum age.</summary>
    public string AgeJustification { get; set; } = "";

    public int ReviewCycleMonths { get; set; } = 6;

    public DateOnly? NextReviewDue { get; set; }

    /// <summary>The review date the background job has marked as due (within two weeks or past), so it is marked once.</summary>
    public DateOnly? ReviewDueMarkedFor { get; set; }

    public DateTimeOffset? LastReviewedAtUtc { get; set; }

    public Guid Version { get; set; }

    public List<SocialAccountActivity> Activities { get; set; } = [];

    public List<SocialAccountAccess> Access { get; set; } = [];
}

public sealed class SocialAccountActivity
{
    public int SocialAccountId { get; set; }

    public SocialAccount? SocialAccount { get; set; }

    public int ActivityId { get; set; }

    public Activity? Activity { get; set; }
}

/// <summary>A member of staff's access to an account, from the day it was granted until the day it was removed.</summary>
public sealed class SocialAccountAccess
{
    public int Id { get; set; }

    public int SocialAccountId { get; set; }

    public SocialAccount? SocialAccount { get; set; }

    public int StaffMemberId { get; set; }

    public StaffMember? StaffMember { get; set; }

    public DateOnly GrantedOn { get; set; }

    public DateOnly? RemovedOn { get; set; }

    /// <summary>True when access was given although the person had no current safer-recruitment check.</summary>
    public bool GrantedWithoutCurrentCheck { get; set; }
}

/// <summary>A member of staff's yearly declaration that they use only authorised accounts and keep personal ones private.</summary>
public sealed class AccountDeclaration
{
    public int Id { get; set; }

    public int StaffMemberId { get; set; }

    public StaffMember? StaffMember { get; set; }

    public DateOnly DeclaredOn { get; set; }
}

internal sealed class SocialAccountConfiguration : IEntityTypeConfiguration<SocialAccount>
{
    public void Configure(EntityTypeBuilder<SocialAccount> builder)
    {
        builder.ToTable("SocialAccounts");
        builder.Property(a => a.Handle).HasMaxLength(200);
        builder.Property(a => a.Purpose).HasMaxLength(1000);
        builder.Property(a => a.Groups).HasMaxLength(300);
        builder.Property(a => a.RecoveryEmail).HasMaxLength(254);
        builder.Property(a => a.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(a => a.StrangerMessages).HasConversion<string>().HasMaxLength(24);
        builder.Property(a => a.StatusReason).HasMaxLength(1000);
        builder.Property(a => a.AgeJustification).HasMaxLength(2000);
        builder.Property(a => a.ProposedByUserId).HasMaxLength(450);
        builder.Property(a => a.AuthorisedByUserId).HasMaxLength(450);
        builder.Property(a => a.LastEditedByUserId).HasMaxLength(450);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.HasIndex(a => new { a.Status, a.NextReviewDue });
        builder.HasOne(a => a.Platform).WithMany().HasForeignKey(a => a.PlatformId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ResponsibleStaffMember).WithMany().HasForeignKey(a => a.ResponsibleStaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SocialAccountActivityConfiguration : IEntityTypeConfiguration<SocialAccountActivity>
{
    public void Configure(EntityTypeBuilder<SocialAccountActivity> builder)
    {
        builder.ToTable("SocialAccountActivities");
        builder.HasKey(x => new { x.SocialAccountId, x.ActivityId });
        builder.HasOne(x => x.SocialAccount).WithMany(a => a.Activities).HasForeignKey(x => x.SocialAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.Activity).WithMany().HasForeignKey(x => x.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SocialAccountAccessConfiguration : IEntityTypeConfiguration<SocialAccountAccess>
{
    public void Configure(EntityTypeBuilder<SocialAccountAccess> builder)
    {
        builder.ToTable("SocialAccountAccess");
        builder.HasIndex(x => new { x.StaffMemberId, x.RemovedOn });
        builder.HasOne(x => x.SocialAccount).WithMany(a => a.Access).HasForeignKey(x => x.SocialAccountId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AccountDeclarationConfiguration : IEntityTypeConfiguration<AccountDeclaration>
{
    public void Configure(EntityTypeBuilder<AccountDeclaration> builder)
    {
        builder.ToTable("AccountDeclarations");
        builder.HasIndex(x => new { x.StaffMemberId, x.DeclaredOn });
        builder.HasOne(x => x.StaffMember).WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Restrict);
    }
}
