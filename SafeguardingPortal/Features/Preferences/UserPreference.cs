using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Features.Preferences;

public enum ThemePreference
{
    System = 0,
    Light = 1,
    Dark = 2,
}

/// <summary>
/// Per-user display preferences, keyed by the user's stable identifier (local account id or Entra
/// object id), so they work the same for both kinds of sign-in.
/// </summary>
public sealed class UserPreference
{
    public string UserKey { get; set; } = "";

    public ThemePreference Theme { get; set; }

    /// <summary>Set when a safeguarding lead or manager has turned off their weekly digest e-mail (it is on by default).</summary>
    public bool WeeklyDigestOff { get; set; }
}

internal sealed class UserPreferenceConfiguration : IEntityTypeConfiguration<UserPreference>
{
    public void Configure(EntityTypeBuilder<UserPreference> builder)
    {
        builder.HasKey(p => p.UserKey);
        builder.Property(p => p.UserKey).HasMaxLength(450);
        // A display preference is not safeguarding data.
        builder.HasAnnotation(AuditAnnotations.NotAudited, true);
    }
}
