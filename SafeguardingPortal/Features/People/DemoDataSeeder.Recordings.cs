using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.People;

/// <summary>
/// Demo recordings: the recording policy (version 1 replaced by version 2), recording consent for two
/// activities, and recordings of their past sessions in every state the register shows: held, due for
/// disposal, overdue, consent withdrawn, and disposed of (a tombstone). Who may be in a recording is
/// decided by the portal's own coverage check; the withdrawal raises its task by the portal's own rule.
/// </summary>
public sealed partial class DemoDataSeeder
{
    private const string DemoLead = "Demo safeguarding lead";
    private const string DemoDeputyLead = "Demo deputy safeguarding lead";
    private const string DemoChair = "Demo chair of trustees";

    /// <summary>
    /// The recorded sessions (added to the two activities, so that every state exists whatever the seed's
    /// size): how many days ago, and in which activity. With version 1's 60 days and version 2's 30 they
    /// come out as two disposed of, one overdue, one due today and three within their time, one of which
    /// loses a child's consent today (in the second activity, where it is the only recording still held).
    /// </summary>
    private static readonly (int DaysAgo, int Activity)[] RecordedSessions = [(120, 0), (100, 1), (65, 0), (30, 0), (17, 1), (10, 0), (3, 0)];

    private const int Version1ApprovedDaysAgo = 150;
    private const int Version2ApprovedDaysAgo = 45;

    /// <summary>What the demo recordings came to, for the summary line.</summary>
    private sealed record RecordingsSeeded(int Sessions, int Recordings, int OpenTasks, int Disposed);

    private async Task<RecordingsSeeded> SeedRecordingsAsync(
        List<Activity> activities, List<Enrolment> enrolments, List<ChildGuardian> links, List<ParentCarer> parents, List<StaffMember> staff,
        DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var none = new RecordingsSeeded(0, 0, 0, 0);
        var enrolled = enrolments.ToLookup(e => e.ActivityId, e => e.ChildId);
        var chosen = activities.Where(a => enrolled[a.Id].Any())
            .OrderBy(a => enrolled[a.Id].Count() >= 2 ? 0 : 1).ThenBy(a => a.Kind == ActivityKind.OnlineSessions ? 0 : 1).ThenBy(a => a.EndDate is { } end && end < today ? 1 : 0).ThenBy(a => a.Id)
            .Take(2).ToList();
        List<ConsentTemplateVersion> forms;
        OrganisationSettingsModel org;
        Dictionary<int, string> platformNames;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            platformNames = await db.Platforms.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
            forms = await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items)
                .Where(v => v.Items.Any(i => i.Kind == ConsentItemKind.SessionRecorded)).OrderBy(v => v.Id).ToListAsync(ct);
            var saved = await db.OrganisationSettings.AsNoTracking().FirstOrDefaultAsync(ct);
            org = new OrganisationSettingsModel
            {
                Name = saved?.Name ?? "Our Organisation",
                SafeguardingLeadName = saved?.SafeguardingLeadName ?? "Sam Safeguarding",
                SafeguardingLeadEmail = saved?.SafeguardingLeadEmail ?? "safeguarding@demo-charity.example",
                SafeguardingLeadPhone = saved?.SafeguardingLeadPhone ?? "020 7946 0000",
            };
        }

        var childForm = forms.FirstOrDefault(v => v.Audience == ConsentAudience.Children);
        var adultForm = forms.FirstOrDefault(v => v.Audience == ConsentAudience.Adults);
        if (chosen.Count == 0 || childForm is null || await SeedRecordingPolicyAsync(staff, now, ct) is not { } policies)
        {
            return none;
        }

        // The recorded activities have run since before their first recording and still run.
        var firstDay = today.AddDays(-RecordedSessions.Max(s => s.DaysAgo) - 14);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AuditActor = AuditActor.System;
            db.AuditBulkDescription = "Demo data: the recorded activities have run since before their first recording";
            var ids = chosen.Select(a => a.Id).ToList();
            foreach (var a in await db.Activities.Where(a => ids.Contains(a.Id)).ToListAsync(ct))
            {
                a.StartDate = a.StartDate < firstDay ? a.StartDate : firstDay;
                a.EndDate = a.EndDate is { } end && end < today ? today.AddMonths(3) : a.EndDate;
            }

            await db.SaveChangesAsync(ct);
        }

        var signatures = await SeedRecordingConsentAsync(chosen, enrolled, links, parents, staff, childForm, adultForm, org, platformNames, now.AddDays(-RecordedSessions.Max(s => s.DaysAgo) - 10), ct);

        var sessions = RecordedSessions.Select(s => (s.DaysAgo, Activity: chosen[Math.Min(s.Activity, chosen.Count - 1)])).Select(s => new ActivitySession
        {
            ActivityId = s.Activity.Id,
            StartsAtUtc = UkCalendar.UkLocalToUtc(today.AddDays(-s.DaysAgo), new TimeOnly(18, 30)),
            DurationMinutes = 60,
            HostStaffMemberId = s.Activity.LeadStaffMemberId,
            WillBeRecorded = true,
            Version = Guid.NewGuid(),
        }).ToList();
        await InsertAsync(sessions, "Demo data: recorded sessions", ct);
        var hostNames = staff.ToDictionary(s => s.Id, s => s.DisplayName);
        await InsertAsync(
            [.. sessions.Select(s => new SessionComfortCheck { ActivitySessionId = s.Id, CheckedByName = hostNames[s.HostStaffMemberId], CheckedAtUtc = s.StartsAtUtc.AddMinutes(2), Note = "Asked at the start, on camera; everyone was happy to be recorded." })],
            "Demo data: comfort checks of the recorded sessions", ct);

        var recordings = new List<Recording>();
        var tasks = new List<DisposalTask>();
        foreach (var session in sessions)
        {
            // The version in force on the day, with its retention and disposal method.
            var policy = policies.Last(p => p.ApprovedAtUtc!.Value <= session.StartsAtUtc);
            var childIds = enrolled[session.ActivityId].Order().ToList();
            Coverage coverage;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                coverage = await RecordingService.CoverageAsync(db, session.ActivityId, childIds, [session.HostStaffMemberId], now, ct);
            }

            var activity = chosen.First(a => a.Id == session.ActivityId);
            var deleteBy = RecordingRules.DeleteBy(session.StartsAtUtc, policy.RetentionDays);
            var disposed = deleteBy <= today.AddDays(-20);
            var recording = new Recording
            {
                Reference = ConsentWithdrawals.NewReference("R"),
                ActivitySessionId = session.Id,
                PolicyId = policy.Id,
                Purpose = "So that a concern raised during the session can be looked at again by the safeguarding lead.",
                StorageReference = disposed ? "" : $"Safeguarding drive > Recordings > {activity.Title} > {session.StartsAtUtc.ToUkTime():yyyy-MM-dd}",
                MadeByStaffMemberId = session.HostStaffMemberId,
                RegisteredByName = hostNames[session.HostStaffMemberId],
                RegisteredAtUtc = session.StartsAtUtc.AddMinutes(75),
                DeleteBy = deleteBy,
                ParticipantCount = coverage.Lines.Count(l => l.Covered),
                Status = disposed ? RecordingStatus.Disposed : RecordingStatus.Held,
                DisposedAtUtc = disposed ? UkCalendar.UkLocalToUtc(deleteBy, new TimeOnly(10, 0)) : null,
                Version = Guid.NewGuid(),
            };

            // A tombstone keeps how many were recorded, not who: its participants were removed at disposal.
            if (!disposed)
            {
                recording.Participants = [.. coverage.Lines.Select(l => new RecordingParticipant
                {
                    ChildId = l.ChildId,
                    StaffMemberId = l.StaffMemberId,
                    Excluded = !l.Covered,
                    ExclusionNote = l.Covered ? "" : $"Consent to recording not in place ({ConsentRules.Describe(l.Consent.Status).ToLowerInvariant()}): camera and microphone off, and seated out of view while it ran.",
                })];
            }

            recordings.Add(recording);
            if (deleteBy <= today)
            {
                tasks.Add(new DisposalTask
                {
                    Recording = recording,
                    Reason = DisposalReason.RetentionEnded,
                    RaisedAtUtc = UkCalendar.UkLocalToUtc(deleteBy, new TimeOnly(2, 0)),
                    DueBy = deleteBy,
                    CompletedAtUtc = recording.DisposedAtUtc,
                    CompletedByName = disposed ? DemoLead : "",
                    Method = disposed ? policy.DisposalMethod : "",
                    Confirmation = disposed ? "Deleted from the recordings folder and its recycle bin; the shared link removed." : "",
                    Version = Guid.NewGuid(),
                });
            }
        }

        await InsertAsync(recordings, "Demo data: the register of recordings", ct);
        foreach (var task in tasks)
        {
            task.RecordingId = task.Recording!.Id;
            task.Recording = null;
        }

        await InsertAsync(tasks, "Demo data: disposal tasks of recordings past their retention period", ct);
        if (chosen.Count > 1)
        {
            await WithdrawRecordingConsentAsync(sessions[Array.FindIndex(RecordedSessions, s => s is { Activity: 1, DaysAgo: < 30 })], recordings, signatures, org.Name, today, now, ct);
        }

        await using var count = await dbFactory.CreateDbContextAsync(ct);
        return new RecordingsSeeded(sessions.Count, recordings.Count, await count.Set<DisposalTask>().CountAsync(t => t.CompletedAtUtc == null, ct), recordings.Count(r => r.Status == RecordingStatus.Disposed));
    }

    /// <summary>
    /// Version 1 (written by the lead, approved by a manager, since replaced) and the active version 2
    /// (written by the deputy, approved by the chair). The first-start draft becomes version 1; a portal
    /// whose policy someone has already started keeps its own, and gets no demo recordings.
    /// </summary>
    private async Task<List<RecordingPolicy>?> SeedRecordingPolicyAsync(List<StaffMember> staff, DateTimeOffset now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditActor = AuditActor.System;
        var existing = await db.Set<RecordingPolicy>().Include(p => p.Authors).Include(p => p.AccessPeople).AsSplitQuery().ToListAsync(ct);
        if (existing.Count > 1 || existing.Any(p => p.Status != RecordingPolicyStatus.Draft || p.Authors.Count > 0 || !p.Purpose.Contains(RecordingPolicyRules.PromptMarker, StringComparison.Ordinal)))
        {
            logger.LogInformation("Demo data: the portal's own recording policy is kept, so no demo recordings are added");
            return null;
        }

        var first = existing.SingleOrDefault() ?? new RecordingPolicy { Number = 1 };
        var v1Approved = now.AddDays(-Version1ApprovedDaysAgo);
        var v2Approved = now.AddDays(-Version2ApprovedDaysAgo);
        RecordingPolicyService.Apply(first, DemoPolicy(60, [PortalRoles.SafeguardingLead], []));
        first.Status = RecordingPolicyStatus.Superseded;
        first.CreatedAtUtc = v1Approved.AddDays(-12);
        first.LastChangedAtUtc = v1Approved.AddDays(-2);
        first.Authors = [new RecordingPolicyAuthor { UserId = "", Name = DemoLead }];
        first.ApprovedByName = DemoManager;
        first.ApprovedAtUtc = v1Approved;
        first.SupersededAtUtc = v2Approved;
        first.Version = Guid.NewGuid();
        if (first.Id == 0)
        {
            db.Add(first);
        }

        // Version 2 keeps recordings for 30 days instead of 60, and names administrators and one coach.
        var second = new RecordingPolicy { Number = 2, Status = RecordingPolicyStatus.Active, CreatedAtUtc = v2Approved.AddDays(-9), LastChangedAtUtc = v2Approved.AddDays(-1) };
        RecordingPolicyService.Apply(second, DemoPolicy(30, [PortalRoles.SafeguardingLead, PortalRoles.Administrator], [staff[0].Id]));
        second.Authors = [new RecordingPolicyAuthor { UserId = "", Name = DemoDeputyLead }];
        second.ApprovedByName = DemoChair;
        second.ApprovedAtUtc = v2Approved;
        second.Version = Guid.NewGuid();
        db.Add(second);
        db.AuditBulkDescription = "Demo data: the recording policy, version 1 replaced by version 2";
        await db.SaveChangesAsync(ct);
        return [first, second];
    }

    private static RecordingPolicyModel DemoPolicy(int retentionDays, List<string> roles, List<int> people) => new()
    {
        Purpose = "We record live online sessions only so that a concern raised during a session can be looked at again by the safeguarding lead.",
        Uses = "A recording is used only to review a safeguarding concern or complaint about the session. It is never used for publicity, training or marketing, and never shared outside the organisation except with the police or children's services when the law requires it.",
        Storage = "Recordings are kept only in the Safeguarding folder of the organisation's cloud drive, which needs two-step sign-in and which only the people named below can open. No copies on personal devices, no downloads, no e-mail attachments.",
        RetentionDays = retentionDays,
        DisposalMethod = "Delete the recording from the Safeguarding folder and from the drive's recycle bin, remove every shared link, then check in the drive's activity log that it has gone.",
        AccessRoles = roles,
        AccessPeople = people,
        AccessMethod = "A view-only link that expires after one day, sent by the safeguarding lead; each viewing is written in the portal's access log with its reason.",
        ResponsibleForMaking = "The member of staff hosting the session",
        ResponsibleForStoring = "The member of staff hosting the session",
        ResponsibleForDisposing = "The safeguarding lead",
    };
}
