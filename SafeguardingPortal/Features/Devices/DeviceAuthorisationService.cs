using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Devices;

/// <summary>
/// Personal-device requests and authorisations. Staff and managers ask for themselves, safeguarding
/// leads and administrators for anyone; a senior manager (Manager role) who neither made the request
/// nor is its subject decides it; managers and safeguarding leads revoke. Staff see only their own;
/// everyone else who may see the register sees all of it. Every call checks the caller again.
/// </summary>
public sealed partial class DeviceAuthorisationService(
    IDbContextFactory<PortalDbContext> dbFactory,
    CurrentUser currentUser,
    PortalClock clock,
    AuditTrail audit,
    OrganisationSettingsService organisation,
    EmailDeliverySignal deliverySignal,
    DocumentIssuer documents)
{
    private const string ViewPurpose = "see personal-device authorisations";
    private const string RequestPurpose = "ask for a personal-device authorisation";

    public async Task<ListPage<DeviceAuthorisationRow>> ListAsync(DeviceAuthorisationQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var rows = (await VisibleAsync(db)).AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            rows = rows.WhereContains(db.Database, query.Search, a => a.Reference, a => a.DeviceDescription, a => a.StaffMember!.FirstName + " " + a.StaffMember.LastName);
        }

        if (query.StaffMemberId is { } person)
        {
            rows = rows.Where(a => a.StaffMemberId == person);
        }

        if (query.State is { } state)
        {
            rows = rows.WhereState(state, today);
        }

        if (query.On is { } on)
        {
            // The approved period once decided, the period asked for before (and when declined).
            rows = rows.Where(a => (a.ValidFrom ?? a.RequestedFrom) <= on && (a.ValidUntil ?? a.RequestedUntil) >= on);
        }

        if (query.ExpiringWithinDays is { } days)
        {
            rows = ExpiringWithin(db, rows, days, today);
        }

        if (query.ForMyDecision)
        {
            rows = await ForMyDecisionAsync(db, rows, ct);
        }

        rows = (query.SortBy, query.Descending) switch
        {
            ("Person", false) => rows.OrderBy(a => a.StaffMember!.LastName).ThenBy(a => a.StaffMember!.FirstName).ThenBy(a => a.Id),
            ("Person", true) => rows.OrderByDescending(a => a.StaffMember!.LastName).ThenByDescending(a => a.StaffMember!.FirstName).ThenBy(a => a.Id),
            ("From", false) => rows.OrderBy(a => a.ValidFrom ?? a.RequestedFrom).ThenBy(a => a.Id),
            ("From", true) => rows.OrderByDescending(a => a.ValidFrom ?? a.RequestedFrom).ThenBy(a => a.Id),
            ("Until", false) => rows.OrderBy(a => a.ValidUntil ?? a.RequestedUntil).ThenBy(a => a.Id),
            ("Until", true) => rows.OrderByDescending(a => a.ValidUntil ?? a.RequestedUntil).ThenBy(a => a.Id),
            ("State", false) => rows.OrderBy(a => a.Decision).ThenBy(a => a.ValidUntil).ThenBy(a => a.Id),
            ("State", true) => rows.OrderByDescending(a => a.Decision).ThenBy(a => a.ValidUntil).ThenBy(a => a.Id),
            (_, false) when query.SortBy == "RequestedAtUtc" => rows.OrderBy(a => a.RequestedAtUtc).ThenBy(a => a.Id),
            _ => rows.OrderByDescending(a => a.RequestedAtUtc).ThenByDescending(a => a.Id),
        };
        var list = new ListQuery { Page = query.Page, PageSize = query.PageSize };
        var page = await rows.ToPageAsync(list, a => new
        {
            a.Id,
            a.Reference,
            a.StaffMemberId,
            Person = a.StaffMember!.FirstName + " " + a.StaffMember.LastName,
            a.DeviceKind,
            a.DeviceDescription,
            From = a.ValidFrom ?? a.RequestedFrom,
            Until = a.ValidUntil ?? a.RequestedUntil,
            a.ReviewOn,
            a.Decision,
            a.ValidUntil,
            a.ReviewedAtUtc,
            a.RequestedByName,
            a.RequestedAtUtc,
            Viewers = a.Viewers.Count,
        }, ct);
        return new ListPage<DeviceAuthorisationRow>(
            [.. page.Rows.Select(r => new DeviceAuthorisationRow(
                r.Id, r.Reference, r.StaffMemberId, r.Person, r.DeviceKind, r.DeviceDescription, r.From, r.Until, r.ReviewOn,
                DeviceAuthorisationRules.StateOn(r.Decision, r.ValidUntil, r.ReviewOn, r.ReviewedAtUtc, today), r.RequestedByName, r.RequestedAtUtc, r.Viewers))],
            page.TotalCount);
    }

    public async Task<DeviceAuthorisationDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var a = await (await VisibleAsync(db)).AsNoTracking().Include(x => x.StaffMember).Include(x => x.Viewers).Include(x => x.RenewalOf)
            .FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null)
        {
            return null;
        }

        var today = clock.Today();
        var key = await currentUser.GetUserKeyAsync();
        var state = DeviceAuthorisationRules.StateOn(a, today);
        var renewal = await db.DeviceAuthorisations.AsNoTracking().Where(r => r.RenewalOfId == id).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.Reference, r.Decision, r.ValidUntil, r.ReviewOn, r.ReviewedAtUtc }).FirstOrDefaultAsync(ct);
        var hasRecord = await db.IssuedDocuments.AnyAsync(d => d.Kind == DocumentKind.DeviceAuthorisation && d.RelatedId == id, ct);
        var isManager = await currentUser.IsAllowedAsync(PortalPolicies.CanDecideDeviceRequests);
        string? cannotDecide = null;
        if (isManager)
        {
            var (isThePerson, changedIt) = await DeciderLinksAsync(db, a, await currentUser.GetPrincipalAsync(), key, ct);
            cannotDecide = DeviceAuthorisationRules.CannotDecide(a.Decision, a.RequestedByUserId, a.StaffMember!.UserId, key, isThePerson, changedIt);
        }

        var mayChange = await MayActForAsync(a.StaffMember!.UserId, a.RequestedByUserId, key);
        var live = state is DeviceAuthorisationState.Approved or DeviceAuthorisationState.ReviewDue;
        return new DeviceAuthorisationDetails(
            a.Id,
            a.Reference,
            ToModel(a),
            a.StaffMember!.DisplayName,
            state,
            a.RequestedByName,
            a.RequestedAtUtc,
            a.DecidedByName,
            a.DecidedAtUtc,
            DeviceAuthorisationRules.SplitConditions(a.Conditions),
            a.DeclineReason,
            a.ValidFrom,
            a.ValidUntil,
            a.ReviewOn,
            a.RevokedByName,
            a.RevokedAtUtc,
            a.RevocationReason,
            a.RenewalOf is null ? null : (a.RenewalOf.Id, a.RenewalOf.Reference),
            renewal is null ? null : (renewal.Id, renewal.Reference, DeviceAuthorisationRules.StateOn(renewal.Decision, renewal.ValidUntil, renewal.ReviewOn, renewal.ReviewedAtUtc, today)),
            hasRecord,
            CanEdit: a.Decision == DeviceDecision.Requested && mayChange,
            CanDecide: isManager && cannotDecide is null,
            CannotDecideBecause: cannotDecide,
            CanRevoke: live && await currentUser.IsAllowedAsync(PortalPolicies.CanRevokeDeviceAuthorisations),
            CanRenew: live && mayChange && (renewal is null || renewal.Decision is DeviceDecision.Declined or DeviceDecision.Revoked));
    }

    /// <summary>The people the signed-in user may ask for: anyone on the staff register for leads and administrators, otherwise only themselves.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> RequestablePeopleAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanRequestDeviceAuthorisation, RequestPurpose);
        var forOthers = await currentUser.IsAllowedAsync(PortalPolicies.CanRequestDeviceAuthorisationForOthers);
        var key = await currentUser.GetUserKeyAsync();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.StaffMembers.AsNoTracking().Where(s => forOthers || (key != null && s.UserId == key))
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).Select(s => new { s.Id, Name = s.FirstName + " " + s.LastName }).ToListAsync(ct);
        return [.. rows.Select(r => (r.Id, r.Name))];
    }

    /// <summary>Everyone whose requests the signed-in user may see, for the register's person filter.</summary>
    public async Task<IReadOnlyList<(int Id, string Name)>> PeopleWithRequestsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (await VisibleAsync(db)).AsNoTracking().Select(a => new { a.StaffMemberId, a.StaffMember!.FirstName, a.StaffMember.LastName }).Distinct()
            .OrderBy(s => s.LastName).ThenBy(s => s.FirstName).ToListAsync(ct);
        return [.. rows.Select(r => (r.StaffMemberId, $"{r.FirstName} {r.LastName}"))];
    }

    /// <summary>Makes a request, or changes one nobody has decided yet. Returns its id.</summary>
    public async Task<int> SaveRequestAsync(DeviceRequestModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanRequestDeviceAuthorisation, RequestPurpose);
        var key = CurrentUser.UserKeyOf(principal);
        var today = clock.Today();
        var errors = DeviceAuthorisationRules.Validate(model, today);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var person = model.StaffMemberId is { } staffId ? await db.StaffMembers.AsNoTracking().FirstOrDefaultAsync(s => s.Id == staffId, ct) : null;
        if (model.StaffMemberId is not null && person is null)
        {
            errors[nameof(model.StaffMemberId)] = "Choose someone on the staff register.";
        }

        if (person is not null && model.Viewers.Any(v => string.Equals(v.Name.Trim(), person.DisplayName, StringComparison.OrdinalIgnoreCase)))
        {
            errors[nameof(model.Viewers)] = $"Name someone other than {person.DisplayName}: the point is that another adult can see the communication.";
        }

        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        if (!await MayActForAsync(person!.UserId, requestedByUserId: null, key))
        {
            await RefuseAsync($"asked for a personal-device authorisation for {person.DisplayName}, who is not them");
        }

        DeviceAuthorisation request;
        if (model.Id == 0)
        {
            request = new DeviceAuthorisation
            {
                Reference = ConsentWithdrawals.NewReference("D"),
                RequestedByUserId = key ?? "",
                RequestedByName = ConsentWithdrawals.ActorName(principal),
                RequestedAtUtc = clock.UtcNow,
                Decision = DeviceDecision.Requested,
            };
            db.DeviceAuthorisations.Add(request);
        }
        else
        {
            request = await db.DeviceAuthorisations.Include(x => x.Viewers).Include(x => x.StaffMember).FirstOrDefaultAsync(x => x.Id == model.Id, ct)
                ?? throw new PortalValidationException("", "This request is no longer on the register.");
            if (!await MayActForAsync(request.StaffMember!.UserId, request.RequestedByUserId, key))
            {
                await RefuseAsync($"changed personal-device request {request.Reference}, which is neither theirs nor for them");
            }

            if (request.Decision != DeviceDecision.Requested)
            {
                throw new PortalValidationException("", $"This request has already been {request.Decision.ToString().ToLowerInvariant()}, so it can no longer be changed.");
            }

            if (request.Version != model.Version)
            {
                throw PortalConcurrencyException.Describe(
                    [("Device", request.DeviceDescription, model.DeviceDescription), ("Purpose", request.Purpose, model.Purpose), ("Who can see it", string.Join(", ", request.Viewers.Select(v => v.Name)), string.Join(", ", model.Viewers.Select(v => v.Name)))],
                    request.Version);
            }

            db.DeviceViewers.RemoveRange(request.Viewers);
            request.Viewers.Clear();
        }

        request.StaffMemberId = person.Id;
        request.DeviceKind = model.DeviceKind!.Value;
        request.DeviceDescription = model.DeviceDescription.Trim();
        request.WhyNoOrganisationalDevice = model.WhyNoOrganisationalDevice.Trim();
        request.Purpose = model.Purpose.Trim();
        request.CommunicatesWith = model.CommunicatesWith.Trim();
        request.AppsAndAccounts = model.AppsAndAccounts.Trim();
        request.RequestedFrom = model.RequestedFrom!.Value;
        request.RequestedUntil = model.RequestedUntil!.Value;
        var position = 0;
        foreach (var viewer in model.Viewers.Where(v => !string.IsNullOrWhiteSpace(v.Name)))
        {
            request.Viewers.Add(new DeviceViewer { Name = viewer.Name.Trim(), HowTheySee = viewer.HowTheySee.Trim(), Position = position++ });
        }

        request.Version = Guid.NewGuid();
        await SaveOrConflictAsync(db, ct);
        return request.Id;
    }

    /// <summary>The printed authorisation record, exactly as issued at approval; the download is audited.</summary>
    public async Task<IssuedDocument?> RecordAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await (await VisibleAsync(db)).AnyAsync(a => a.Id == id, ct))
        {
            return null;
        }

        var document = await db.IssuedDocuments.ForAsync(DocumentKind.DeviceAuthorisation, id, ct);
        if (document is not null)
        {
            db.AddAuditEvent(AuditActions.Exported, $"Downloaded {document.FileName} (SHA-256 {document.Sha256})", nameof(IssuedDocument), document.Id.ToString(CultureInfo.InvariantCulture));
            await db.SaveChangesAsync(ct);
        }

        return document;
    }

    internal static DeviceRequestModel ToModel(DeviceAuthorisation a) => new()
    {
        Id = a.Id,
        StaffMemberId = a.StaffMemberId,
        DeviceKind = a.DeviceKind,
        DeviceDescription = a.DeviceDescription,
        WhyNoOrganisationalDevice = a.WhyNoOrganisationalDevice,
        Purpose = a.Purpose,
        CommunicatesWith = a.CommunicatesWith,
        AppsAndAccounts = a.AppsAndAccounts,
        Viewers = [.. a.Viewers.OrderBy(v => v.Position).Select(v => new DeviceViewerModel { Name = v.Name, HowTheySee = v.HowTheySee })],
        RequestedFrom = a.RequestedFrom,
        RequestedUntil = a.RequestedUntil,
        Version = a.Version,
    };

    /// <summary>
    /// Whether the signed-in user may ask for, change or renew on behalf of this person: leads and
    /// administrators for anyone; others for themselves, or for what they asked for themselves.
    /// </summary>
    private async Task<bool> MayActForAsync(string? personUserId, string? requestedByUserId, string? key) =>
        key is not null && (personUserId == key || requestedByUserId == key
            || await currentUser.IsAllowedAsync(PortalPolicies.CanRequestDeviceAuthorisationForOthers));

    /// <summary>Refuses something the page never offers (a forged circuit event), audited like any refusal.</summary>
    private async Task RefuseAsync(string what)
    {
        await audit.RecordAsync(AuditActions.AccessDenied, $"Refused by the service: {what}", ct: CancellationToken.None);
        throw new PortalAccessDeniedException("You can ask only for yourself. A safeguarding lead or administrator can ask on someone else's behalf.");
    }

    /// <summary>
    /// For the home page: the register's own filters (<c>?status=Requested</c>, <c>?expiring=30</c>) over what
    /// this user may see, as COUNT queries.
    /// </summary>
    public async Task<DeviceAuthorisationCounts> DashboardCountsAsync(int expiringWithinDays, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = clock.Today();
        var rows = (await VisibleAsync(db)).AsNoTracking();
        var awaiting = rows.WhereState(DeviceAuthorisationState.Requested, today);
        return new DeviceAuthorisationCounts(
            await awaiting.CountAsync(ct),
            await currentUser.IsAllowedAsync(PortalPolicies.CanDecideDeviceRequests) ? await (await ForMyDecisionAsync(db, awaiting, ct)).CountAsync(ct) : 0,
            await ExpiringWithin(db, rows, expiringWithinDays, today).CountAsync(ct));
    }

    /// <summary>
    /// Requests the signed-in senior manager may decide, by the same ties the decision refuses
    /// (<see cref="DeviceAuthorisationRules.CannotDecide"/>): not for them (their account or one of their
    /// addresses as the person's work address), not made by them, not changed by them. Nothing for
    /// someone who may not decide at all.
    /// </summary>
    private async Task<IQueryable<DeviceAuthorisation>> ForMyDecisionAsync(PortalDbContext db, IQueryable<DeviceAuthorisation> rows, CancellationToken ct)
    {
        var principal = await currentUser.GetPrincipalAsync();
        var key = CurrentUser.UserKeyOf(principal);
        if (key is null || !await currentUser.IsAllowedAsync(PortalPolicies.CanDecideDeviceRequests))
        {
            return rows.Where(_ => false);
        }

        var addresses = (await DeciderAddressesAsync(db, principal, key, ct))
            .Where(a => !string.IsNullOrWhiteSpace(a)).Select(a => a!.Trim().ToLowerInvariant()).Distinct().ToList();
        var changedByMe = db.AuditEvents.Where(e => e.EntityType == nameof(DeviceAuthorisation) && e.ActorKey == key && e.Action == AuditActions.Updated).Select(e => e.EntityKey);
        return rows.Where(a => a.RequestedByUserId != key
            && (a.StaffMember!.UserId == null || a.StaffMember.UserId != key)
            && !addresses.Contains(a.StaffMember.WorkEmail.Trim().ToLower())
            && !changedByMe.Contains(a.Id.ToString()));
    }

    /// <summary>
    /// Live authorisations whose last day is within <paramref name="days"/>. "Live" is the rules' own two
    /// states, Approved and ReviewDue (an authorisation whose review is late still ends on its day).
    /// </summary>
    private static IQueryable<DeviceAuthorisation> ExpiringWithin(PortalDbContext db, IQueryable<DeviceAuthorisation> rows, int days, DateOnly today)
    {
        var last = today.AddDays(days);
        var live = db.DeviceAuthorisations.WhereState(DeviceAuthorisationState.Approved, today).Select(a => a.Id)
            .Concat(db.DeviceAuthorisations.WhereState(DeviceAuthorisationState.ReviewDue, today).Select(a => a.Id));
        return rows.Where(a => live.Contains(a.Id) && a.ValidUntil <= last);
    }

    /// <summary>Requests a user may see: all of them for those who read the register, otherwise their own and those for them.</summary>
    private async Task<IQueryable<DeviceAuthorisation>> VisibleAsync(PortalDbContext db)
    {
        await currentUser.DemandAsync(PortalPolicies.CanViewDeviceAuthorisations, ViewPurpose);
        if (await currentUser.IsAllowedAsync(PortalPolicies.CanReadAllDeviceAuthorisations))
        {
            return db.DeviceAuthorisations;
        }

        var key = await currentUser.GetUserKeyAsync();
        return key is null
            ? db.DeviceAuthorisations.Where(_ => false)
            : db.DeviceAuthorisations.Where(a => a.RequestedByUserId == key || a.StaffMember!.UserId == key);
    }

    private static Task SaveOrConflictAsync(PortalDbContext db, CancellationToken ct) =>
        db.SaveOrConflictAsync<DeviceAuthorisation>(
            now => new PortalConcurrencyException($"Someone else changed this request at the same moment (it is now {now.Decision.ToString().ToLowerInvariant()}). Reload the page, then try again.", now.Version),
            ct);
}
