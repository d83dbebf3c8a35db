using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>The names of audited actions: the three for rows the save interceptor records, then the rest.</summary>
public static class AuditActions
{
    public const string Created = "Created";
    public const string Updated = "Updated";
    public const string Deleted = "Deleted";
    public const string SignedIn = "SignedIn";
    public const string SignInFailed = "SignInFailed";
    public const string LockedOut = "LockedOut";
    public const string SignedOut = "SignedOut";
    public const string AccessDenied = "AccessDenied";
    public const string RolesChanged = "RolesChanged";
    public const string UserDisabled = "UserDisabled";
    public const string UserEnabled = "UserEnabled";
    public const string PasswordSet = "PasswordSet";
    public const string Viewed = "Viewed";
    public const string Exported = "Exported";
    public const string IntegrityChecked = "IntegrityChecked";
    public const string DocumentVerified = "DocumentVerified";

    /// <summary>Every action the audit page can filter by.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Created, Updated, Deleted, "Bulk", SignedIn, SignInFailed, LockedOut, SignedOut, AccessDenied,
        RolesChanged, UserDisabled, UserEnabled, PasswordSet, Viewed, Exported, IntegrityChecked, DocumentVerified,
    ];
}

/// <summary>Records security events (sign-in, access denied, role changes, sensitive views) in the chain.</summary>
public sealed class AuditTrail(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task RecordAsync(
        string action,
        string summary,
        string entityType = "",
        string entityKey = "",
        AuditActor? actingAs = null,
        CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (actingAs is not null)
        {
            db.AuditActor = actingAs;
        }

        db.AuditEvents.Add(new AuditEvent
        {
            Action = action,
            Summary = summary.Length > 2000 ? summary[..2000] : summary,
            EntityType = entityType,
            EntityKey = entityKey,
        });
        await db.SaveChangesAsync(ct);
    }
}
