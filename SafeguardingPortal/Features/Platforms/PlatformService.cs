using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Platforms;

public sealed record PlatformRow(int Id, string Name, int MinimumAge, string Notes, int Activities, Guid Version);

/// <summary>The maintained list of platforms and their minimum ages. Everyone who sees activities reads it; administrators change it.</summary>
public sealed class PlatformService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser)
{
    /// <summary>Mainstream platforms and the minimum ages their own terms set, as of 2026.</summary>
    public static IReadOnlyList<(string Name, int MinimumAge, string Notes)> Defaults { get; } =
    [
        ("Microsoft Teams", 0, "Organisation-managed accounts; the organisation sets who can join."),
        ("Zoom", 16, "Zoom's terms require users to be 16 or over unless an education account is used."),
        ("Google Meet", 13, "Google accounts require users to be 13 or over in the UK."),
        ("YouTube (livestream)", 13, "Viewers under 13 need a supervised experience."),
        ("Instagram", 13, ""),
        ("TikTok", 13, ""),
        ("Facebook", 13, ""),
        ("WhatsApp", 13, "WhatsApp's minimum age in the UK is 13."),
        ("Discord", 13, ""),
        ("Snapchat", 13, ""),
        ("X (Twitter)", 13, ""),
        ("Other", 0, "Check the platform's own terms for its minimum age."),
    ];

    public async Task<IReadOnlyList<PlatformRow>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewActivities, "see the platform list");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Platforms.AsNoTracking().OrderBy(p => p.Name)
            .Select(p => new PlatformRow(p.Id, p.Name, p.MinimumAge, p.Notes, db.Activities.Count(a => a.PlatformId == p.Id), p.Version))
            .ToListAsync(ct);
    }

    public async Task SaveAsync(int id, string name, int minimumAge, string notes, Guid? version, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePlatforms, "change the platform list");
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name))
        {
            errors["Name"] = "Enter the platform's name.";
        }
        else if (name.Trim().Length > 100)
        {
            errors["Name"] = "The name must be 100 characters or fewer.";
        }

        if (minimumAge is < 0 or > 21)
        {
            errors["MinimumAge"] = "Enter the platform's minimum age, between 0 (none) and 21.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Platforms.AnyAsync(p => p.Id != id && p.Name.ToUpper() == name.Trim().ToUpperInvariant(), ct))
        {
            throw new PortalValidationException("Name", $"{name.Trim()} is already on the list.");
        }

        Platform? platform;
        if (id == 0)
        {
            platform = new Platform();
            db.Platforms.Add(platform);
        }
        else
        {
            platform = await db.Platforms.FirstOrDefaultAsync(p => p.Id == id, ct)
                ?? throw new PortalValidationException("", "That platform is no longer on the list.");
            if (platform.Version != version)
            {
                throw PortalConcurrencyException.Describe(
                    [("Name", platform.Name, name), ("Minimum age", platform.MinimumAge.ToString(System.Globalization.CultureInfo.InvariantCulture), minimumAge.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                    platform.Version);
            }
        }

        platform.Name = name.Trim();
        platform.MinimumAge = minimumAge;
        platform.Notes = notes.Trim();
        platform.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<Platform>(
            now => new PortalConcurrencyException($"Someone else changed this platform at the same moment: it is now “{now.Name}”, minimum age {now.MinimumAge}. Check, then save again.", now.Version),
            ct);
    }

    /// <summary>Adds the default list once, on first start (audited as one bulk event by the system).</summary>
    public static async Task SeedDefaultsAsync(PortalDbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Platforms.AnyAsync(ct))
        {
            return;
        }

        db.AuditBulkDescription = "Added the default platform list";
        db.Platforms.AddRange(Defaults.Select(d => new Platform { Name = d.Name, MinimumAge = d.MinimumAge, Notes = d.Notes, Version = Guid.NewGuid() }));
        await db.SaveChangesAsync(ct);
    }
}
