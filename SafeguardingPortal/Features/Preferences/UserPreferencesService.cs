using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Preferences;

/// <summary>The signed-in user's own preferences (theme, weekly digest). Each user reads and writes only their own.</summary>
public sealed class UserPreferencesService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser)
{
    /// <summary>
    /// Whether the user gets the weekly digest: on unless they turned it off. Null when they get none:
    /// their roles do not, or they sign in with Entra ID (the portal cannot list who holds a role there).
    /// </summary>
    public async Task<bool?> GetWeeklyDigestAsync(CancellationToken ct = default)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var key = CurrentUser.UserKeyOf(principal);
        if (key is null || !Home.WeeklyDigestJob.Roles.Any(principal.IsInRole))
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Users.AnyAsync(u => u.Id == key, ct))
        {
            return null;
        }

        return !await db.UserPreferences.AsNoTracking().AnyAsync(p => p.UserKey == key && p.WeeklyDigestOff, ct);
    }

    /// <summary>Turns the user's own weekly digest on or off; audited, since it changes who hears of open safeguarding work.</summary>
    public async Task SetWeeklyDigestAsync(bool on, CancellationToken ct = default)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var key = CurrentUser.UserKeyOf(principal)
            ?? throw new PortalAccessDeniedException("Sign in to save your preferences.");
        if (!Home.WeeklyDigestJob.Roles.Any(principal.IsInRole))
        {
            throw new PortalAccessDeniedException("The weekly digest is for safeguarding leads and managers.");
        }

        await SaveAsync(key, p => p.WeeklyDigestOff = !on, db => db.AddAuditEvent(
            on ? "WeeklyDigestOn" : "WeeklyDigestOff",
            on ? "Turned their weekly digest e-mail on" : "Turned their weekly digest e-mail off",
            nameof(UserPreference), key), ct);
    }

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

        await SaveAsync(key, p => p.Theme = theme, _ => { }, ct);
    }

    /// <summary>Changes the user's row, creating it on first use; <paramref name="alsoInSave"/> adds to the same save (an audit event).</summary>
    private async Task SaveAsync(string key, Action<UserPreference> change, Action<PortalDbContext> alsoInSave, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.UserPreferences.FindAsync([key], ct);
            if (row is null)
            {
                row = new UserPreference { UserKey = key };
                db.UserPreferences.Add(row);
            }

            change(row);
            alsoInSave(db);
            try
            {
                await db.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another tab saved the first preference at the same moment: change that one instead.
            }
        }
    }
}
