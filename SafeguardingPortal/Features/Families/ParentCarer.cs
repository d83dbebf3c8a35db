using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Features.Children;

namespace SafeguardingPortal.Features.Families;

public enum PreferredContact
{
    Email = 0,
    Phone = 1,
    Text = 2,
}

/// <summary>A parent or carer of one or more children.</summary>
public sealed class ParentCarer
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string Email { get; set; } = "";

    public string Phone { get; set; } = "";

    public PreferredContact PreferredContact { get; set; }

    public DateTimeOffset CreatedAtUtc { get; set; }

    public Guid Version { get; set; }

    public List<ChildGuardian> Children { get; set; } = [];

    public string DisplayName => $"{FirstName} {LastName}";
}

internal sealed class ParentCarerConfiguration : IEntityTypeConfiguration<ParentCarer>
{
    public void Configure(EntityTypeBuilder<ParentCarer> builder)
    {
        builder.Property(p => p.FirstName).HasMaxLength(100);
        builder.Property(p => p.LastName).HasMaxLength(100);
        builder.Property(p => p.Email).HasMaxLength(254);
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.PreferredContact).HasConversion<string>().HasMaxLength(16);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.DisplayName);
        builder.HasIndex(p => new { p.LastName, p.FirstName });
        builder.HasIndex(p => p.Email);
    }
}
