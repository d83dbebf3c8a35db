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

/// <summary>Demo data: the recording-consent forms sent, answered and refused, and one withdrawal, for the demo recordings.</summary>
public sealed partial class DemoDataSeeder
{
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
