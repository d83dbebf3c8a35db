using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Staff;

public enum StaffType
{
    Employee = 0,
    Volunteer = 1,
    ContractWorker = 2,
}

/// <summary>A member of staff, volunteer or contract worker, with their safer-recruitment check.</summary>
public sealed class StaffMember
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string WorkEmail { get; set; } = "";

    public StaffType Type { get; set; }

    public string RoleTitle { get; set; } = "";

    /// <summary>The portal account this person signs in with, if any.</summary>
    public string? UserId { get; set; }

    public PortalUser? User { get; set; }

    /// <summary>E.g. "Enhanced DBS with barred list".</summary>
    public string CheckKind { get; set; } = "";

    /// <summary>The certificate or reference number: never shown in full, never written to the audit trail.</summary>
    [SensitiveData]
    public string CheckReference { get; set; } = "";

    public DateOnly? CheckDate { get; set; }

    public DateOnly? CheckRenewalDue { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public Guid Version { get; set; }

    public string DisplayName => $"{FirstName} {LastName}";
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> builder)
    {
        builder.ToTable("StaffMembers");
        builder.Property(s => s.FirstName).HasMaxLength(100);
        builder.Property(s => s.LastName).HasMaxLength(100);
        builder.Property(s => s.WorkEmail).HasMaxLength(254);
        builder.Property(s => s.RoleTitle).HasMaxLength(120);
        builder.Property(s => s.Type).HasConversion<string>().HasMaxLength(24);
        builder.Property(s => s.CheckKind).HasMaxLength(120);
        builder.Property(s => s.CheckReference).HasMaxLength(64);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.Ignore(s => s.DisplayName);
        builder.HasIndex(s => new { s.LastName, s.FirstName });
        builder.HasIndex(s => s.UserId).IsUnique();
        builder.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.SetNull);
    }
}
