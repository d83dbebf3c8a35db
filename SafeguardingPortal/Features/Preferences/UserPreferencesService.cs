using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Preferences;

/// <summary>The signed-in user's own display preferences. Each user reads and writes only their own.</summary>
public sealed class UserPreferencesService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser)
{
    public async Task<ThemePreference> GetThemeAsync(CancellationToken ct = default)
    {
        var key = await currentUser.GetUserKeyAsync();
        if (key is null)
        {
            return ThemePreference.System;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.UserPreferences.AsNoTracking()
            .Where(p => p.UserKey == key)
            .Select(p => p.Theme)
            .FirstOrDefaultAsync(ct);
    }

    public async Task SetThemeAsync(ThemePreference theme, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(theme))
        {
            throw new ArgumentOutOfRangeException(nameof(theme), theme, "Unknown theme.");
        }

        var key = await currentUser.GetUserKeyAsync()
            ?? throw new PortalAccessDeniedException("Sign in to save your preferences.");

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.UserPreferences.FindAsync([key], ct);
        if (row is null)
        {
            db.UserPreferences.Add(new UserPreference { UserKey = key, Theme = theme });
        }
        else
        {
            row.Theme = theme;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (row is null)
        {
            // Another tab saved the first preference at the same moment: update that one instead.
            await using var retry = await dbFactory.CreateDbContextAsync(ct);
            await retry.UserPreferences.Where(p => p.UserKey == key).ExecuteUpdateAsync(u => u.SetProperty(p => p.Theme, theme), ct);
        }
    }
}
