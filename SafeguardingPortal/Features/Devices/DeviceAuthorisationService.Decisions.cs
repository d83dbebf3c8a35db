using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Devices;

/// <summary>Decisions, revocation and renewal at review.</summary>
public sealed partial class DeviceAuthorisationService
{
    /// <summary>
    /// A senior manager approves (with conditions, dates and a review date) or declines (with a reason)
    /// a request they neither made nor are the subject of. On approval the printable record is issued
    /// in the same transaction; the requester (and the person, if someone else asked) is e-mailed.
    /// </summary>
    public async Task DecideAsync(int id, DeviceDecisionModel decision, Guid? version, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanDecideDeviceRequests, "decide personal-device requests");
        var key = CurrentUser.UserKeyOf(principal);
        var today = clock.Today();
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);

        // An immediate transaction: a second manager deciding at the same moment waits, then finds the request changed.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var request = await LoadAsync(db, id, version, ct);
        var (isThePerson, changedIt) = await DeciderLinksAsync(db, request, principal, key, ct);
        var reason = DeviceAuthorisationRules.CannotDecide(request.Decision, request.RequestedByUserId, request.StaffMember!.UserId, key, isThePerson, changedIt)
            ?? await RevokedOriginalAsync(db, request, decision, ct);
        if (reason is not null)
        {
            // The refusal is audited on its own connection, so this transaction's write lock goes first.
            await transaction.RollbackAsync(ct);
            if (request.Decision == DeviceDecision.Requested)
            {
                await audit.RecordAsync(AuditActions.AccessDenied, $"Refused by the service: a decision on personal-device request {request.Reference} ({reason})", nameof(DeviceAuthorisation), request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), ct: CancellationToken.None);
            }

            throw new PortalValidationException("", reason);
        }

        var errors = DeviceAuthorisationRules.Validate(decision, request.Viewers.Count, today);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        request.DecidedByUserId = key ?? "";
        request.DecidedByName = ConsentWithdrawals.ActorName(principal);
        request.DecidedAtUtc = now;
        if (decision.Approve == true)
        {
            request.Decision = DeviceDecision.Approved;
            request.Conditions = string.Join("\n", DeviceAuthorisationRules.SplitConditions(decision.Conditions));
            request.ValidFrom = decision.ValidFrom;
            request.ValidUntil = decision.ValidUntil;
            request.ReviewOn = decision.ReviewOn;
        }
        else
        {
            request.Decision = DeviceDecision.Declined;
            request.DeclineReason = decision.DeclineReason.Trim();
        }

        request.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        if (request.Decision == DeviceDecision.Approved)
        {
            var org = await organisation.GetAsync(ct);
            documents.Issue(db, Documents.DocumentKind.DeviceAuthorisation, request.Id, Documents.DeviceAuthorisationDocument.Compose(RecordModel(request, org.Name)), now);
        }

        await EnqueueAsync(db, request, DeviceEmailKinds.Decision, now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        deliverySignal.Notify();
    }

    /// <summary>
    /// What ties the decider to the request beyond its two account ids: their e-mail address (from
    /// their sign-in and their local account) being the person's work address, and whether they
    /// changed its wording (the audit trail records every change to the request by account).
    /// </summary>
    internal static async Task<(bool IsThePerson, bool ChangedIt)> DeciderLinksAsync(PortalDbContext db, DeviceAuthorisation request, System.Security.Claims.ClaimsPrincipal principal, string? key, CancellationToken ct)
    {
        if (key is null)
        {
            return (false, false);
        }

        var addresses = await DeciderAddressesAsync(db, principal, key, ct);
        var person = request.StaffMember ?? await db.StaffMembers.AsNoTracking().FirstAsync(s => s.Id == request.StaffMemberId, ct);
        var isThePerson = DeviceAuthorisationRules.SameAddress(person.WorkEmail, addresses);
        var entityKey = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var changedIt = await db.AuditEvents.AsNoTracking().AnyAsync(
            e => e.EntityType == nameof(DeviceAuthorisation) && e.EntityKey == entityKey && e.ActorKey == key && e.Action == AuditActions.Updated, ct);
        return (isThePerson, changedIt);
    }

    /// <summary>The decider's e-mail addresses: their local account's, and those their sign-in carries (Entra ID).</summary>
    private static async Task<string?[]> DeciderAddressesAsync(PortalDbContext db, System.Security.Claims.ClaimsPrincipal principal, string key, CancellationToken ct) =>
    [
        await db.Users.AsNoTracking().Where(u => u.Id == key).Select(u => u.Email).FirstOrDefaultAsync(ct),
        principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value,
        principal.FindFirst("preferred_username")?.Value,
        principal.FindFirst(System.Security.Claims.ClaimTypes.Upn)?.Value,
    ];

    /// <summary>A renewal whose authorisation was revoked cannot be approved (it may still be declined).</summary>
    private static async Task<string?> RevokedOriginalAsync(PortalDbContext db, DeviceAuthorisation request, DeviceDecisionModel decision, CancellationToken ct) =>
        decision.Approve == true && request.RenewalOfId is { } originalId
        && await db.DeviceAuthorisations.AnyAsync(o => o.Id == originalId && o.Decision == DeviceDecision.Revoked, ct)
            ? "The authorisation this request renews has been revoked, so the renewal cannot be approved. Decline it, or ask for a new authorisation."
            : null;

    /// <summary>Ends an authorisation now, with a reason (Manager or SafeguardingLead). The person and the requester are told.</summary>
    public async Task RevokeAsync(int id, string reason, Guid? version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRevokeDeviceAuthorisations, "revoke personal-device authorisations");
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new PortalValidationException("Reason", "Say why the authorisation is revoked: the person is told.");
        }

        if (reason.Trim().Length > DeviceAuthorisationRules.TextLength)
        {
            throw new PortalValidationException("Reason", $"The reason must be {DeviceAuthorisationRules.TextLength} characters or fewer.");
        }

        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var authorisation = await LoadAsync(db, id, version, ct);
        var state = DeviceAuthorisationRules.StateOn(authorisation, clock.Today());
        if (state is not (DeviceAuthorisationState.Approved or DeviceAuthorisationState.ReviewDue))
        {
            throw new PortalValidationException("", $"Only an authorisation in force can be revoked; this one is {DeviceAuthorisationRules.Describe(state).ToLowerInvariant()}.");
        }

        authorisation.Decision = DeviceDecision.Revoked;
        authorisation.RevokedByUserId = CurrentUser.UserKeyOf(principal) ?? "";
        authorisation.RevokedByName = ConsentWithdrawals.ActorName(principal);
        authorisation.RevokedAtUtc = now;
        authorisation.RevocationReason = reason.Trim();
        authorisation.Version = Guid.NewGuid();

        // A renewal of it goes too, in the same transaction: one waiting for a decision is declined,
        // one already approved (in force from when this one ends) is revoked, with the same reason.
        var renewals = await db.DeviceAuthorisations.Include(r => r.StaffMember)
            .Where(r => r.RenewalOfId == id && (r.Decision == DeviceDecision.Requested || r.Decision == DeviceDecision.Approved)).ToListAsync(ct);
        foreach (var renewal in renewals)
        {
            var because = $"The authorisation it renews ({authorisation.Reference}) was revoked: {reason.Trim()}";
            if (renewal.Decision == DeviceDecision.Requested)
            {
                renewal.Decision = DeviceDecision.Declined;
                renewal.DecidedByUserId = authorisation.RevokedByUserId;
                renewal.DecidedByName = authorisation.RevokedByName;
                renewal.DecidedAtUtc = now;
                renewal.DeclineReason = because.Length > DeviceAuthorisationRules.TextLength ? because[..DeviceAuthorisationRules.TextLength] : because;
            }
            else
            {
                renewal.Decision = DeviceDecision.Revoked;
                renewal.RevokedByUserId = authorisation.RevokedByUserId;
                renewal.RevokedByName = authorisation.RevokedByName;
                renewal.RevokedAtUtc = now;
                renewal.RevocationReason = because.Length > DeviceAuthorisationRules.TextLength ? because[..DeviceAuthorisationRules.TextLength] : because;
            }

            renewal.Version = Guid.NewGuid();
        }

        await SaveOrConflictAsync(db, ct);
        await EnqueueAsync(db, authorisation, DeviceEmailKinds.Revoked, now, ct);
        foreach (var renewal in renewals)
        {
            await EnqueueAsync(db, renewal, renewal.Decision == DeviceDecision.Declined ? DeviceEmailKinds.Decision : DeviceEmailKinds.Revoked, now, ct);
        }

        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        deliverySignal.Notify();
    }

    /// <summary>
    /// The review of an authorisation still in force: a new request copying everything (device, reasons,
    /// children, apps, who can see it) for the period after this one ends, to be decided like any other.
    /// Returns the new request's id.
    /// </summary>
    public async Task<int> RenewAsync(int id, DateOnly requestedUntil, Guid? version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRequestDeviceAuthorisation, RequestPurpose);
        var key = CurrentUser.UserKeyOf(principal);
        var today = clock.Today();
        var now = clock.UtcNow;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = await LoadAsync(db, id, version, ct);
        if (!await MayActForAsync(current.StaffMember!.UserId, current.RequestedByUserId, key))
        {
            await transaction.RollbackAsync(ct);
            await RefuseAsync($"renewed personal-device authorisation {current.Reference}, which is neither theirs nor for them");
        }

        var state = DeviceAuthorisationRules.StateOn(current, today);
        if (state is not (DeviceAuthorisationState.Approved or DeviceAuthorisationState.ReviewDue))
        {
            throw new PortalValidationException("", state == DeviceAuthorisationState.Expired
                ? "This authorisation has expired: ask for a new one instead."
                : $"Only an authorisation in force can be renewed; this one is {DeviceAuthorisationRules.Describe(state).ToLowerInvariant()}.");
        }

        if (await db.DeviceAuthorisations.AnyAsync(r => r.RenewalOfId == id && (r.Decision == DeviceDecision.Requested || r.Decision == DeviceDecision.Approved), ct))
        {
            throw new PortalValidationException("", "A renewal of this authorisation has already been asked for.");
        }

        var model = ToModel(current);
        model.Id = 0;
        var next = current.ValidUntil!.Value.AddDays(1);
        model.RequestedFrom = next > today ? next : today;
        model.RequestedUntil = requestedUntil;
        var errors = DeviceAuthorisationRules.Validate(model, today);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        var renewal = new DeviceAuthorisation
        {
            Reference = ConsentWithdrawals.NewReference("D"),
            StaffMemberId = current.StaffMemberId,
            DeviceKind = current.DeviceKind,
            DeviceDescription = current.DeviceDescription,
            WhyNoOrganisationalDevice = current.WhyNoOrganisationalDevice,
            Purpose = current.Purpose,
            CommunicatesWith = current.CommunicatesWith,
            AppsAndAccounts = current.AppsAndAccounts,
            RequestedFrom = model.RequestedFrom.Value,
            RequestedUntil = requestedUntil,
            RequestedByUserId = key ?? "",
            RequestedByName = ConsentWithdrawals.ActorName(principal),
            RequestedAtUtc = now,
            Decision = DeviceDecision.Requested,
            RenewalOfId = current.Id,
            Viewers = [.. current.Viewers.OrderBy(v => v.Position).Select(v => new DeviceViewer { Name = v.Name, HowTheySee = v.HowTheySee, Position = v.Position })],
            Version = Guid.NewGuid(),
        };
        db.DeviceAuthorisations.Add(renewal);
        current.ReviewedAtUtc = now;
        current.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        await transaction.CommitAsync(ct);
        return renewal.Id;
    }

    /// <summary>Queues the e-mail of <paramref name="kind"/> to the requester and, when someone else asked, to the person too.</summary>
    internal static async Task EnqueueAsync(PortalDbContext db, DeviceAuthorisation a, string kind, DateTimeOffset now, CancellationToken ct)
    {
        var requester = await db.Users.AsNoTracking().Where(u => u.Id == a.RequestedByUserId).Select(u => new { u.Email, u.DisplayName }).FirstOrDefaultAsync(ct);
        var person = a.StaffMember ?? await db.StaffMembers.AsNoTracking().FirstAsync(s => s.Id == a.StaffMemberId, ct);
        var sent = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (!string.IsNullOrWhiteSpace(requester?.Email) && sent.Add(requester.Email))
        {
            EmailDispatcher.Enqueue(db, kind, a.Id, requester.Email, requester.DisplayName, now);
        }

        if (!string.IsNullOrWhiteSpace(person.WorkEmail) && sent.Add(person.WorkEmail))
        {
            EmailDispatcher.Enqueue(db, kind, a.Id, person.WorkEmail, person.DisplayName, now);
        }
    }

    internal static Documents.DeviceAuthorisationRecordModel RecordModel(DeviceAuthorisation a, string organisationName) => new()
    {
        OrganisationName = organisationName,
        Reference = a.Reference,
        PersonName = a.StaffMember!.DisplayName,
        PersonRole = a.StaffMember.RoleTitle,
        DeviceKind = DeviceAuthorisationRules.Describe(a.DeviceKind),
        DeviceDescription = a.DeviceDescription,
        WhyNoOrganisationalDevice = a.WhyNoOrganisationalDevice,
        Purpose = a.Purpose,
        CommunicatesWith = a.CommunicatesWith,
        AppsAndAccounts = a.AppsAndAccounts,
        Viewers = [.. a.Viewers.OrderBy(v => v.Position).Select(v => (v.Name, v.HowTheySee))],
        Conditions = DeviceAuthorisationRules.SplitConditions(a.Conditions),
        ValidFrom = a.ValidFrom!.Value,
        ValidUntil = a.ValidUntil!.Value,
        ReviewOn = a.ReviewOn!.Value,
        RequestedByName = a.RequestedByName,
        RequestedAtUtc = a.RequestedAtUtc,
        DecidedByName = a.DecidedByName,
        DecidedAtUtc = a.DecidedAtUtc!.Value,
    };

    private static async Task<DeviceAuthorisation> LoadAsync(PortalDbContext db, int id, Guid? version, CancellationToken ct)
    {
        var a = await db.DeviceAuthorisations.Include(x => x.StaffMember).Include(x => x.Viewers).FirstOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new PortalValidationException("", "This request is no longer on the register.");
        if (a.Version != version)
        {
            var now = a.Decision == DeviceDecision.Requested ? "still waiting for a decision" : a.Decision.ToString().ToLowerInvariant();
            throw new PortalConcurrencyException($"Someone else changed this request while you were looking at it (it is now {now}). Reload the page, then try again.", a.Version);
        }

        return a;
    }
}
