using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Preferences;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Infrastructure.Data;

/// <summary>
/// The portal's one model. Provider-specific subclasses (SQLite, PostgreSQL) carry their
/// own migration sets; features only ever see this type, through <see cref="IDbContextFactory{TContext}"/>.
/// </summary>
public abstract class PortalDbContext : IdentityDbContext<PortalUser>, IDataProtectionKeyContext
{
    protected PortalDbContext(DbContextOptions options)
        : base(options)
    {
        // EF reports some failed saves (concurrency conflicts) only through this event, not to
        // interceptors: the audit interceptor's transaction is released here too.
        SaveChangesFailed += (_, _) => AuditState.Abandon();
    }

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<OrganisationSettings> OrganisationSettings => Set<OrganisationSettings>();

    public DbSet<UserPreference> UserPreferences => Set<UserPreference>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<Child> Children => Set<Child>();

    public DbSet<ChildGuardian> ChildGuardians => Set<ChildGuardian>();

    public DbSet<ParentCarer> ParentsCarers => Set<ParentCarer>();

    public DbSet<StaffMember> StaffMembers => Set<StaffMember>();

    public DbSet<Platform> Platforms => Set<Platform>();

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<Enrolment> Enrolments => Set<Enrolment>();

    public DbSet<ActivitySession> ActivitySessions => Set<ActivitySession>();

    public DbSet<SocialAccount> SocialAccounts => Set<SocialAccount>();

    public DbSet<SocialAccountActivity> SocialAccountActivities => Set<SocialAccountActivity>();

    public DbSet<SocialAccountAccess> SocialAccountAccess => Set<SocialAccountAccess>();

    public DbSet<AccountDeclaration> AccountDeclarations => Set<AccountDeclaration>();

    public DbSet<JobRun> JobRuns => Set<JobRun>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();

    public DbSet<DeviceAuthorisation> DeviceAuthorisations => Set<DeviceAuthorisation>();

    public DbSet<DeviceViewer> DeviceViewers => Set<DeviceViewer>();

    public DbSet<Features.Recordings.RecordingPolicy> RecordingPolicies => Set<Features.Recordings.RecordingPolicy>();

    public DbSet<Features.Recordings.Recording> Recordings => Set<Features.Recordings.Recording>();

    public DbSet<Features.Recordings.DisposalTask> DisposalTasks => Set<Features.Recordings.DisposalTask>();

    private AuditContext? auditContext;
    private AuditActor? auditActorOverride;

    /// <summary>
    /// Who the audit trail names for changes saved through this context: the request's or circuit's
    /// person (read at save time), unless a caller sets someone else (the system, a signing link).
    /// </summary>
    public AuditActor AuditActor
    {
        get => auditActorOverride ?? auditContext?.Actor ?? AuditActor.Anonymous(null);
        set => auditActorOverride = value;
    }

    /// <summary>
    /// Links the context to the request's or circuit's audit context (done by the context factory).
    /// Contexts are pooled, so this also forgets whatever an earlier user of this instance set: the
    /// actor override, a bulk description, and the audit interceptor's per-save state.
    /// </summary>
    public void UseAuditContext(AuditContext context)
    {
        auditContext = context;
        auditActorOverride = null;
        AuditBulkDescription = null;
        AuditState.Forget();
    }

    /// <summary>A context going back to the pool forgets whom it was acting for, whatever took it out.</summary>
    public override void Dispose()
    {
        ForgetUser();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        ForgetUser();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    private void ForgetUser()
    {
        auditContext = null;
        auditActorOverride = null;
        AuditBulkDescription = null;
    }

    /// <summary>
    /// When set, the next save is audited as one bulk event with a count and the affected keys
    /// (imports, demo data) instead of one event per record.
    /// </summary>
    public string? AuditBulkDescription { get; set; }

    internal AuditSaveState AuditState { get; } = new();

    /// <summary>Adds a security event to be written, sealed into the chain, with this context's next save.</summary>
    public void AddAuditEvent(string action, string summary, string entityType = "", string entityKey = "") =>
        AuditEvents.Add(new AuditEvent { Action = action, Summary = summary, EntityType = entityType, EntityKey = entityKey });

    /// <summary>
    /// Times are stored as UTC ticks on every provider: SQLite cannot compare DateTimeOffset values, and
    /// PostgreSQL's timestamptz keeps only microseconds, which would break the hashes sealed over exact
    /// times (the audit chain, consent evidence). See docs/decisions/0014.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToUtcTicksConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<PortalUser>(user =>
        {
            user.Property(u => u.DisplayName).HasMaxLength(200);
            user.Property(u => u.PasswordHash).IsSensitive();
            user.Property(u => u.SecurityStamp).IsIgnoredByAudit();
            user.Property(u => u.ConcurrencyStamp).IsIgnoredByAudit();
            user.Property(u => u.AccessFailedCount).IsIgnoredByAudit();
        });
        builder.Entity<IdentityUserToken<string>>().Property(t => t.Value).IsSensitive();
        builder.Entity<IdentityRole>().Property(r => r.ConcurrencyStamp).IsIgnoredByAudit();
        builder.Entity<DataProtectionKey>().HasAnnotation(AuditAnnotations.NotAudited, true);
        builder.ApplyConfigurationsFromAssembly(typeof(PortalDbContext).Assembly);
        AuditAnnotations.ApplySensitiveDataAttributes(builder);
    }
}
