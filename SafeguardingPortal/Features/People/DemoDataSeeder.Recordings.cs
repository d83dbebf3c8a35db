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

    /// <summary>
    /// The recording form sent to the parents of every child in the recorded activities, and the adults'
    /// form to their hosts, some weeks before the first recording. Most parents give consent; one child
    /// in each activity is never answered for and every sixth is refused, so some children are left out
    /// of recordings. Returns the signatures, with their answers.
    /// </summary>
    private async Task<List<ConsentSignature>> SeedRecordingConsentAsync(
        List<Activity> chosen, ILookup<int, int> enrolled, List<ChildGuardian> links, List<ParentCarer> parents, List<StaffMember> staff,
        ConsentTemplateVersion childForm, ConsentTemplateVersion? adultForm, OrganisationSettingsModel org, Dictionary<int, string> platformNames, DateTimeOffset sentAt, CancellationToken ct)
    {
        var responsible = links.Where(l => l.HasParentalResponsibility).OrderBy(l => l.ParentCarerId).ToLookup(l => l.ChildId);
        var parentById = parents.ToDictionary(p => p.Id);
        var staffById = staff.ToDictionary(s => s.Id);
        var childNames = new Dictionary<int, string>();
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var ids = chosen.SelectMany(a => enrolled[a.Id]).Distinct().ToList();
            foreach (var c in await db.Children.AsNoTracking().Where(c => ids.Contains(c.Id)).Select(c => new { c.Id, c.FirstName, c.PreferredName, c.LastName }).ToListAsync(ct))
            {
                childNames[c.Id] = (string.IsNullOrWhiteSpace(c.PreferredName) ? c.FirstName : c.PreferredName) + " " + c.LastName;
            }
        }

        var expires = sentAt.AddDays(14);
        var requests = new List<ConsentRequest>();
        var answering = new List<(ConsentInvitation Invitation, ConsentTemplateVersion Form, bool Gives)>();
        var everyone = new List<ConsentInvitation>();
        foreach (var activity in chosen)
        {
            activity.Platform = new Platforms.Platform { Name = platformNames.GetValueOrDefault(activity.PlatformId, "") };
            var request = ConsentRequestService.NewRequest(activity, childForm, org, "Demo data", sentAt);
            var k = 0;
            foreach (var childId in enrolled[activity.Id].Order())
            {
                var outcome = k == 1 ? (bool?)null : k % 6 == 4 ? false : true;
                var first = true;
                foreach (var link in responsible[childId])
                {
                    var parent = parentById[link.ParentCarerId];
                    var invitation = ConsentRequestService.NewInvitation(request, childForm, SignerKind.ParentCarer, childId, parent.Id, null, childNames[childId], parent.DisplayName, parent.Email, link.Relationship, sentAt, expires);
                    request.Invitations.Add(invitation);
                    if (first && outcome is { } gives)
                    {
                        answering.Add((invitation, childForm, gives));
                    }

                    first = false;
                }

                k++;
            }

            requests.Add(request);
            if (adultForm is not null)
            {
                var host = staffById[activity.LeadStaffMemberId];
                var adults = ConsentRequestService.NewRequest(activity, adultForm, org, "Demo data", sentAt);
                var invitation = ConsentRequestService.NewInvitation(adults, adultForm, SignerKind.Adult, null, null, host.Id, host.DisplayName, host.DisplayName, host.WorkEmail, "Myself", sentAt, expires);
                adults.Invitations.Add(invitation);
                answering.Add((invitation, adultForm, true));
                requests.Add(adults);
            }

            activity.Platform = null;
        }

        var answered = answering.Select(a => a.Invitation).ToHashSet();
        foreach (var invitation in requests.SelectMany(r => r.Invitations))
        {
            everyone.Add(invitation);
            invitation.FirstSentAtUtc = sentAt.AddMinutes(2);
            invitation.Events.Add(new ConsentInvitationEvent { AtUtc = sentAt, Kind = InvitationEventKinds.Created, Detail = "Requested by Demo data" });
            invitation.Events.Add(new ConsentInvitationEvent { AtUtc = sentAt.AddMinutes(2), Kind = InvitationEventKinds.Sent, Detail = $"To {EmailAddressMask.Mask(invitation.RecipientEmail)}" });
            if (answered.Contains(invitation))
            {
                invitation.OpenedAtUtc = sentAt.AddHours(5);
                invitation.SignedAtUtc = sentAt.AddHours(5).AddMinutes(4);
                invitation.Status = InvitationStatus.Answered;
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.OpenedAtUtc.Value, Kind = InvitationEventKinds.Opened, IpAddress = "203.0.113.10", UserAgent = "Demo phone browser" });
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.SignedAtUtc.Value, Kind = InvitationEventKinds.Answered, IpAddress = "203.0.113.10", UserAgent = "Demo phone browser", Detail = "Signed (demo data)" });
            }
            else
            {
                invitation.ExpiredAtUtc = expires;
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = expires, Kind = InvitationEventKinds.Expired, Detail = "Not answered in time" });
            }
        }

        await InsertAsync(requests, "Demo data: recording consent requests with their invitations", ct);
        var requestById = requests.ToDictionary(r => r.Id);
        var signatures = answering.Select(a =>
        {
            var signature = new ConsentSignature
            {
                Reference = ConsentWithdrawals.NewReference("C"),
                InvitationId = a.Invitation.Id,
                ActivityId = requestById[a.Invitation.RequestId].ActivityId,
                TemplateVersionId = a.Form.Id,
                SignerKind = a.Invitation.SignerKind,
                ChildId = a.Invitation.ChildId,
                ParentCarerId = a.Invitation.ParentCarerId,
                StaffMemberId = a.Invitation.StaffMemberId,
                SubjectName = a.Invitation.SubjectName,
                SignerName = a.Invitation.RecipientName,
                Relationship = a.Invitation.Relationship,
                SignerEmail = a.Invitation.RecipientEmail,
                SignedAtUtc = a.Invitation.SignedAtUtc!.Value,
                IpAddress = "203.0.113.10",
                UserAgent = "Demo phone browser",
                PresentedSha256 = a.Invitation.PresentedSha256,
                Answers = [.. a.Form.Items.OrderBy(i => i.Position).Select(i => new ConsentAnswer { TemplateItemId = i.Id, Kind = i.Kind, Label = i.Label, Given = a.Gives })],
            };
            signature.AnswersSha256 = ConsentPresentation.AnswersSha256(signature);
            return signature;
        }).ToList();
        await InsertAsync(signatures, "Demo data: recording consent answers", ct);
        var invitationById = everyone.ToDictionary(i => i.Id);
        await IssueDemoDocumentsAsync([.. signatures.Where(s => s.TemplateVersionId == childForm.Id)], [], requestById, invitationById, childForm, org.Name, sentAt.AddHours(6), ct);
        if (adultForm is not null)
        {
            await IssueDemoDocumentsAsync([.. signatures.Where(s => s.TemplateVersionId == adultForm.Id)], [], requestById, invitationById, adultForm, org.Name, sentAt.AddHours(6), ct);
        }

        await InsertAsync(
            [.. everyone.Select(i => new OutgoingEmail
            {
                Kind = ConsentEmailKinds.Invitation,
                RelatedId = i.Id,
                ToAddress = i.RecipientEmail,
                ToName = i.RecipientName,
                Subject = $"Consent needed for {i.SubjectName} (demo data, not sent)",
                Status = OutgoingEmailStatus.Sent,
                Attempts = 1,
                CreatedAtUtc = i.CreatedAtUtc,
                NextAttemptAtUtc = i.CreatedAtUtc,
                LastAttemptAtUtc = i.FirstSentAtUtc,
                SentAtUtc = i.FirstSentAtUtc,
            })],
            "Demo data: e-mail history of the recording consent invitations", ct);
        return signatures;
    }

    /// <summary>
    /// Today a parent withdraws consent to recording for a child who is in a held recording: the withdrawal,
    /// its receipt, and the disposal task the portal's own rule raises for every recording they are in.
    /// </summary>
    private async Task WithdrawRecordingConsentAsync(
        ActivitySession session, List<Recording> recordings, List<ConsentSignature> signatures, string organisationName, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        var recording = recordings.Single(r => r.ActivitySessionId == session.Id);
        var signature = signatures.FirstOrDefault(s => s.ActivityId == session.ActivityId && s.SignerKind == SignerKind.ParentCarer
            && s.Answers.Any(a => a.Kind == ConsentItemKind.SessionRecorded && a.Given)
            && recording.Participants.Any(p => p.ChildId == s.ChildId && !p.Excluded));
        if (signature is null)
        {
            return;
        }

        var answer = signature.Answers.First(a => a.Kind == ConsentItemKind.SessionRecorded);
        var withdrawal = new ConsentWithdrawal
        {
            Reference = ConsentWithdrawals.NewReference("W"),
            SignatureId = signature.Id,
            Method = WithdrawalMethod.Link,
            WithdrawnByName = signature.SignerName,
            WithdrawnAtUtc = now,
            Reason = "We would rather our child was not recorded any more.",
            IpAddress = "203.0.113.10",
            UserAgent = "Demo phone browser",
            Items = answer.Label,
            Version = Guid.NewGuid(),
            Answers = [new ConsentWithdrawalItem { AnswerId = answer.Id }],
        };
        await InsertAsync([withdrawal], "Demo data: a withdrawal of consent to recording", ct);
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AuditActor = AuditActor.System;
            db.AuditBulkDescription = "Demo data: disposal tasks raised by a withdrawal of consent to recording";
            await RecordingService.RaiseForLostConsentAsync(db, session.ActivityId, signature.ChildId, null, withdrawal.Reference, DisposalReason.ConsentWithdrawn, today, now, ct);
        }

        // Its receipt, as every withdrawal has; demo data sends no e-mail.
        await using var receipt = await dbFactory.CreateDbContextAsync(ct);
        receipt.AuditActor = AuditActor.System;
        receipt.AuditBulkDescription = "Demo data: the receipt of a withdrawal of consent to recording";
        await ConsentDocuments.IssueReceiptAsync(receipt, documents, signature, withdrawal, organisationName, now, ct);
        await receipt.SaveChangesAsync(ct);
    }
}
