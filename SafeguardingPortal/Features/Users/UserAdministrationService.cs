using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Users;

/// <summary>
/// Local accounts: list, create, change roles, disable and enable. Every call needs
/// <see cref="PortalPolicies.CanManageUsers"/>. Administrators cannot lock themselves out: they
/// cannot disable their own account or remove their own Administrator role.
/// </summary>
public sealed class UserAdministrationService(
    IServiceScopeFactory scopeFactory,
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    AuditContext audit,
    PortalClock clock)
{
    private const string Purpose = "manage users";

    public async Task<IReadOnlyList<UserSummary>> ListAsync(string? search = null, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageUsers, Purpose);
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        var query = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(search))
        {
            // Identity keeps e-mail addresses upper-cased for look-ups; names are compared the same way.
            var term = search.Trim().ToUpperInvariant();
            query = query.Where(u => u.DisplayName.ToUpper().Contains(term) || u.NormalizedEmail!.Contains(term));
        }

        var users = await query
            .OrderBy(u => u.DisplayName)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.IsDisabled, u.LockoutEnd, u.CreatedAtUtc })
            .ToListAsync(ct);

        var ids = users.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles
                           join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId)
                           select new { ur.UserId, r.Name })
            .ToListAsync(ct);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);

        var now = clock.UtcNow;
        return users
            .Select(u => new UserSummary(
                u.Id,
                u.DisplayName,
                u.Email ?? "",
                rolesByUser[u.Id].OrderBy(r => PortalRolesOrder(r)).ToList(),
                u.IsDisabled,
                !u.IsDisabled && u.LockoutEnd > now,
                u.CreatedAtUtc))
            .ToList();
    }

    public async Task<string> CreateAsync(NewUserModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        await currentUser.DemandAsync(PortalPolicies.CanManageUsers, Purpose);
        AnnotationValidator.ThrowIfInvalid(model);
        var roles = CanonicalRoles(model.Roles);

        await using var scope = scopeFactory.CreateScopeActingAs(audit.Actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);

        var user = new PortalUser
        {
            UserName = model.Email.Trim(),
            Email = model.Email.Trim(),
            EmailConfirmed = true,
            DisplayName = model.DisplayName.Trim(),
            CreatedAtUtc = clock.UtcNow,
        };
        var created = await users.CreateAsync(user, model.Password);
        if (!created.Succeeded)
        {
            throw new PortalValidationException(AnnotationValidator.ByField(created));
        }

        if (roles.Count > 0)
        {
            ThrowIfFailed(await users.AddToRolesAsync(user, roles));
        }

        if (roles.Count > 0)
        {
            await RecordAsync(db, AuditActions.RolesChanged, DescribeRoleChange(user, roles, []), user, ct);
        }

        await transaction.CommitAsync(ct);

        return user.Id;
    }

    public async Task SetRolesAsync(string userId, IEnumerable<string> roles, CancellationToken ct = default)
    {
        var acting = await currentUser.DemandAsync(PortalPolicies.CanManageUsers, Purpose);
        var wanted = CanonicalRoles(roles);

        await using var scope = scopeFactory.CreateScopeActingAs(audit.Actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);

        if (IsSelf(acting, user) && !wanted.Contains(PortalRoles.Administrator))
        {
            throw new PortalValidationException("Roles", "You cannot remove your own Administrator role. Ask another administrator to do it.");
        }

        // The transaction holds the write lock from here, so two administrators demoting each other
        // at the same moment are checked one after the other.
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(PortalRoles.Administrator) && !wanted.Contains(PortalRoles.Administrator))
        {
            await EnsureAnotherAdministratorRemainsAsync(users, user, "remove the Administrator role from");
        }

        var toRemove = current.Except(wanted).ToList();
        var toAdd = wanted.Except(current).ToList();
        if (toRemove.Count == 0 && toAdd.Count == 0)
        {
            return;
        }

        if (toRemove.Count > 0)
        {
            ThrowIfFailed(await users.RemoveFromRolesAsync(user, toRemove));
        }

        if (toAdd.Count > 0)
        {
            ThrowIfFailed(await users.AddToRolesAsync(user, toAdd));
        }

        // A new stamp makes open sessions revalidate within a minute with the new roles.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await RecordAsync(db, AuditActions.RolesChanged, DescribeRoleChange(user, toAdd, toRemove), user, ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>Sets a new password for someone who has forgotten theirs; their open sessions end within a minute.</summary>
    public async Task SetPasswordAsync(string userId, string newPassword, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageUsers, Purpose);
        if (string.IsNullOrEmpty(newPassword))
        {
            throw new PortalValidationException("Password", "Enter the new password.");
        }

        await using var scope = scopeFactory.CreateScopeActingAs(audit.Actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var result = await users.ResetPasswordAsync(user, token, newPassword);
        if (!result.Succeeded)
        {
            throw new PortalValidationException(AnnotationValidator.ByField(result));
        }

        user.LockoutEnd = null;
        ThrowIfFailed(await users.UpdateAsync(user));
        await RecordAsync(db, AuditActions.PasswordSet, $"A new password was set for {user.DisplayName} ({user.Email})", user, ct);
        await transaction.CommitAsync(ct);
    }

    public async Task SetDisabledAsync(string userId, bool disabled, CancellationToken ct = default)
    {
        var acting = await currentUser.DemandAsync(PortalPolicies.CanManageUsers, Purpose);

        await using var scope = scopeFactory.CreateScopeActingAs(audit.Actor);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = await FindAsync(users, userId);

        if (disabled && IsSelf(acting, user))
        {
            throw new PortalValidationException("IsDisabled", "You cannot disable your own account.");
        }

        var lockedOut = user.LockoutEnd > clock.UtcNow;
        if (user.IsDisabled == disabled && (disabled || !lockedOut))
        {
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (disabled)
        {
            await EnsureAnotherAdministratorRemainsAsync(users, user, "disable");
        }

        user.IsDisabled = disabled;
        if (!disabled)
        {
            // Enabling also clears a lock-out from failed sign-ins.
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
        }

        // UpdateSecurityStampAsync saves the user too: the old stamp stops open sessions within a minute.
        ThrowIfFailed(await users.UpdateSecurityStampAsync(user));
        await RecordAsync(
            db,
            disabled ? AuditActions.UserDisabled : AuditActions.UserEnabled,
            disabled ? $"{user.DisplayName} ({user.Email}) was disabled" : $"{user.DisplayName} ({user.Email}) was enabled",
            user,
            ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The security event goes into the same transaction as the change it describes.</summary>
    private static async Task RecordAsync(PortalDbContext db, string action, string summary, PortalUser user, CancellationToken ct)
    {
        db.AddAuditEvent(action, summary, "PortalUser", user.Id);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Someone must always be able to manage users: refuses to take away the last enabled administrator.</summary>
    private static async Task EnsureAnotherAdministratorRemainsAsync(UserManager<PortalUser> users, PortalUser user, string what)
    {
        var administrators = await users.GetUsersInRoleAsync(PortalRoles.Administrator);
        if (!administrators.Any(a => a.Id != user.Id && !a.IsDisabled))
        {
            throw new PortalValidationException("", $"You cannot {what} {user.DisplayName}: they are the only enabled administrator. Make someone else an administrator first.");
        }
    }

    private static string DescribeRoleChange(PortalUser user, IEnumerable<string> added, IEnumerable<string> removed)
    {
        var parts = added.Select(r => $"added {r}").Concat(removed.Select(r => $"removed {r}"));
        return $"Roles of {user.DisplayName} ({user.Email}) changed: {string.Join("; ", parts)}";
    }

    private static async Task<PortalUser> FindAsync(UserManager<PortalUser> users, string userId) =>
        await users.FindByIdAsync(userId)
        ?? throw new PortalValidationException("", "That user no longer exists. Reload the list.");

    private static bool IsSelf(ClaimsPrincipal acting, PortalUser user) =>
        CurrentUser.UserKeyOf(acting) == user.Id;

    private static List<string> CanonicalRoles(IEnumerable<string> roles)
    {
        var result = new List<string>();
        foreach (var role in roles)
        {
            var canonical = PortalRoles.Canonical(role)
                ?? throw new PortalValidationException("Roles", $"'{role}' is not one of the portal's roles.");
            if (!result.Contains(canonical))
            {
                result.Add(canonical);
            }
        }

        return result;
    }

    private static int PortalRolesOrder(string role)
    {
        var index = PortalRoles.All.ToList().IndexOf(role);
        return index < 0 ? int.MaxValue : index;
    }

    private static void ThrowIfFailed(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new PortalValidationException("", string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
