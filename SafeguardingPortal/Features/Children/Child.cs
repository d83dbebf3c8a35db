using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Children;

/// <summary>A child or young person the organisation works with.</summary>
public sealed class Child
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string PreferredName { get; set; } = "";

    public DateOnly DateOfBirth { get; set; }

    /// <summary>The group or class the child belongs to, e.g. "Juniors" or "Year 8".</summary>
    public string Group { get; set; } = "";

    /// <summary>The child's own e-mail address, used when they are old enough to be asked for consent themselves.</summary>
    public string Email { get; set; } = "";

    [SensitiveData]
    public string Notes { get; set; } = "";

    public DateTimeOffset CreatedAtUtc { get; set; }

    /// <summary>Changes on every save; a save based on an older version is refused.</summary>
    public Guid Version { get; set; }

    public List<ChildGuardian> Guardians { get; set; } = [];

    public List<Enrolment> Enrolments { get; set; } = [];

    public string DisplayName => string.IsNullOrWhiteSpace(PreferredName) ? $"{FirstName} {LastName}" : $"{PreferredName} {LastName}";
}

/// <summary>A parent or carer linked to a child, with the relationship and whether they hold parental responsibility.</summary>
public sealed class ChildGuardian
{
    public int ChildId { get; set; }

    public Child? Child { get; set; }

    public int ParentCarerId { get; set; }

    public ParentCarer? ParentCarer { get; set; }

    /// <summary>E.g. "Mother", "Father", "Grandparent", "Foster carer".</summary>
    public string Relationship { get; set; } = "";

    public bool HasParentalResponsibility { get; set; }
}

internal sealed class ChildConfiguration : IEntityTypeConfiguration<Child>
{
    public void Configure(EntityTypeBuilder<Child> builder)
    {
        builder.Property(c => c.FirstName).HasMaxLength(100);
        builder.Property(c => c.LastName).HasMaxLength(100);
        builder.Property(c => c.PreferredName).HasMaxLength(100);
        builder.Property(c => c.Group).HasMaxLength(100);
        builder.Property(c => c.Email).HasMaxLength(254);
        builder.Property(c => c.Notes).HasMaxLength(4000);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.Ignore(c => c.DisplayName);
        builder.HasIndex(c => new { c.LastName, c.FirstName });
        builder.HasIndex(c => c.DateOfBirth);
        builder.HasIndex(c => c.Group);
    }
}

internal sealed class ChildGuardianConfiguration : IEntityTypeConfiguration<ChildGuardian>
{
    public void Configure(EntityTypeBuilder<ChildGuardian> builder)
    {
        builder.HasKey(g => new { g.ChildId, g.ParentCarerId });
        builder.Property(g => g.Relationship).HasMaxLength(60);
        builder.HasOne(g => g.Child).WithMany(c => c.Guardians).HasForeignKey(g => g.ChildId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.ParentCarer).WithMany(p => p.Children).HasForeignKey(g => g.ParentCarerId).OnDelete(DeleteBehavior.Restrict);
    }
}
