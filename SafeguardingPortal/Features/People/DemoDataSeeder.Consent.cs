using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.People;

public sealed partial class DemoDataSeeder
{
    /// <summary>How many demo answers get their PDFs issued.</summary>
    public const int MaxDemoDocuments = 400;

    /// <summary>
    /// Publishes the default forms and gives every activity a photos-and-videos request whose
    /// invitations are in every state: answered (given or refused), withdrawn (acted on or not),
    /// opened, waiting, expired and withdrawn by staff. Demo invitations carry no working links.
    /// </summary>
    private async Task<int> SeedConsentAsync(
        List<Activity> activities, List<Enrolment> enrolments, List<Child> children, List<ChildGuardian> links, List<ParentCarer> parents,
        Random random, DateOnly today, DateTimeOffset now, CancellationToken ct)
    {
        List<ConsentTemplateVersion> versions;
        OrganisationSettingsModel org;
        Dictionary<int, string> platformNames;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            db.AuditActor = AuditActor.System;
            var templates = await db.Set<ConsentTemplate>().Include(t => t.Items).Where(t => t.LatestVersionNumber == 0).ToListAsync(ct);
            versions = [.. templates.Select(t => ConsentTemplateService.NewVersion(t, now.AddDays(-30), "Demo data"))];
            db.AddRange(versions);
            db.AuditBulkDescription = "Demo data: published the default consent templates";
            await db.SaveChangesAsync(ct);
            var saved = await db.OrganisationSettings.AsNoTracking().FirstOrDefaultAsync(ct);
            org = new OrganisationSettingsModel
            {
                Name = saved?.Name ?? "Our Organisation",
                SafeguardingLeadName = saved?.SafeguardingLeadName ?? "Sam Safeguarding",
                SafeguardingLeadEmail = saved?.SafeguardingLeadEmail ?? "safeguarding@demo-charity.example",
                SafeguardingLeadPhone = saved?.SafeguardingLeadPhone ?? "020 7946 0000",
            };
            platformNames = await db.Platforms.ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        }

        var photos = versions.FirstOrDefault(v => v.Audience == ConsentAudience.Children && v.Items.Any(i => i.Kind == ConsentItemKind.PhotosShared));
        if (photos is null)
        {
            return 0;
        }

        var childById = children.ToDictionary(c => c.Id);
        var parentById = parents.ToDictionary(p => p.Id);
        var responsible = links.Where(l => l.HasParentalResponsibility).ToLookup(l => l.ChildId);
        var enrolled = enrolments.ToLookup(e => e.ActivityId);
        var requests = new List<ConsentRequest>();
        var plans = new List<(ConsentInvitation Invitation, int Roll)>();
        for (var a = 0; a < activities.Count; a++)
        {
            var activity = activities[a];
            if (!enrolled[activity.Id].Any())
            {
                continue;
            }

            // A quarter of the requests went out three weeks ago, so their unanswered invitations have lapsed.
            var sentAt = a % 4 == 0 ? now.AddDays(-21) : now.AddDays(-random.Next(1, 10)).AddHours(-random.Next(0, 8));
            activity.Platform = new Platforms.Platform { Name = platformNames.GetValueOrDefault(activity.PlatformId, "") };
            var request = ConsentRequestService.NewRequest(activity, photos, org, "Demo data", sentAt);
            activity.Platform = null;
            var expires = sentAt.AddDays(14);
            foreach (var enrolment in enrolled[activity.Id])
            {
                var child = childById[enrolment.ChildId];
                var name = (string.IsNullOrWhiteSpace(child.PreferredName) ? child.FirstName : child.PreferredName) + " " + child.LastName;
                foreach (var link in responsible[child.Id])
                {
                    var parent = parentById[link.ParentCarerId];
                    var invitation = ConsentRequestService.NewInvitation(request, photos, SignerKind.ParentCarer, child.Id, parent.Id, null, name, parent.DisplayName, parent.Email, link.Relationship, sentAt, expires);
                    request.Invitations.Add(invitation);
                    plans.Add((invitation, random.Next(100)));
                }

                if (UkCalendar.AgeOn(child.DateOfBirth, today) >= 12 && child.Email.Length > 0)
                {
                    var invitation = ConsentRequestService.NewInvitation(request, photos, SignerKind.Child, child.Id, null, null, name, name, child.Email, "Myself", sentAt, expires);
                    request.Invitations.Add(invitation);
                    plans.Add((invitation, random.Next(100)));
                }
            }

            requests.Add(request);
        }

        // States: 0–59 answered (of which 52–59 later withdrew photos), 60–71 opened, 72–89 waiting, 90–99 withdrawn by staff.
        foreach (var (invitation, roll) in plans)
        {
            var sent = invitation.CreatedAtUtc.AddMinutes(2);
            invitation.FirstSentAtUtc = sent;
            invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.CreatedAtUtc, Kind = InvitationEventKinds.Created, Detail = "Requested by Demo data" });
            invitation.Events.Add(new ConsentInvitationEvent { AtUtc = sent, Kind = InvitationEventKinds.Sent, Detail = $"To {EmailAddressMask.Mask(invitation.RecipientEmail)}" });
            if (roll < 72)
            {
                invitation.OpenedAtUtc = sent.AddHours(1 + (roll % 20));
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.OpenedAtUtc.Value, Kind = InvitationEventKinds.Opened, IpAddress = "203.0.113.10", UserAgent = "Demo phone browser" });
            }

            if (roll < 60)
            {
                invitation.Status = InvitationStatus.Answered;
                invitation.SignedAtUtc = invitation.OpenedAtUtc!.Value.AddMinutes(4);
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.SignedAtUtc.Value, Kind = InvitationEventKinds.Answered, IpAddress = "203.0.113.10", UserAgent = "Demo phone browser", Detail = "Signed (demo data)" });
            }
            else if (roll >= 90)
            {
                invitation.Status = InvitationStatus.Revoked;
                invitation.RevokedAtUtc = sent.AddDays(1);
                invitation.RevokedReason = "Sent to an old e-mail address";
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.RevokedAtUtc.Value, Kind = InvitationEventKinds.Revoked, Detail = invitation.RevokedReason });
            }
            else if (invitation.ExpiresAtUtc <= now)
            {
                invitation.ExpiredAtUtc = invitation.ExpiresAtUtc;
                invitation.Events.Add(new ConsentInvitationEvent { AtUtc = invitation.ExpiresAtUtc, Kind = InvitationEventKinds.Expired, Detail = "Not answered in time" });
            }
        }

        await InsertAsync(requests, "Demo data: consent requests with their invitations", ct);

        var requestById = requests.ToDictionary(r => r.Id);
        var signatures = new List<ConsentSignature>();
        var withdrawing = new List<(ConsentSignature Signature, bool Acknowledged)>();
        foreach (var (invitation, roll) in plans.Where(p => p.Invitation.Status == InvitationStatus.Answered))
        {
            var request = requestById[invitation.RequestId];
            var signature = new ConsentSignature
            {
                Reference = ConsentWithdrawals.NewReference("C"),
                InvitationId = invitation.Id,
                ActivityId = request.ActivityId,
                TemplateVersionId = photos.Id,
                SignerKind = invitation.SignerKind,
                ChildId = invitation.ChildId,
                ParentCarerId = invitation.ParentCarerId,
                SubjectName = invitation.SubjectName,
                SignerName = invitation.RecipientName,
                Relationship = invitation.Relationship,
                SignerEmail = invitation.RecipientEmail,
                SignedAtUtc = invitation.SignedAtUtc!.Value,
                IpAddress = "203.0.113.10",
                UserAgent = "Demo phone browser",
                PresentedSha256 = invitation.PresentedSha256,
                Answers = [.. photos.Items.OrderBy(i => i.Position).Select(i => new ConsentAnswer
                {
                    TemplateItemId = i.Id, Kind = i.Kind, Label = i.Label, Given = roll >= 52 || random.Next(100) < 88,
                })],
            };
            signature.AnswersSha256 = ConsentPresentation.AnswersSha256(signature);
            signatures.Add(signature);
            if (roll >= 52 && signature.Answers.Any(x => x.Kind == ConsentItemKind.PhotosShared && x.Given))
            {
                withdrawing.Add((signature, roll < 56));
            }
        }

        await InsertAsync(signatures, "Demo data: consent answers", ct);

        var withdrawals = withdrawing.Select(w => new ConsentWithdrawal
        {
            Reference = ConsentWithdrawals.NewReference("W"),
            SignatureId = w.Signature.Id,
            Method = w.Acknowledged ? WithdrawalMethod.Phone : WithdrawalMethod.Link,
            WithdrawnByName = w.Signature.SignerName,
            WithdrawnAtUtc = w.Signature.SignedAtUtc.AddDays(1),
            Reason = "We would rather photos were not shared",
            RecordedBy = w.Acknowledged ? "Demo data" : "",
            Items = w.Signature.Answers.First(a => a.Kind == ConsentItemKind.PhotosShared).Label,
            AcknowledgedAtUtc = w.Acknowledged ? w.Signature.SignedAtUtc.AddDays(2) : null,
            AcknowledgedBy = w.Acknowledged ? "Demo data" : "",
            AcknowledgementNote = w.Acknowledged ? "Told the activity lead; no photos had been shared." : "",
            Version = Guid.NewGuid(),
            Answers = [new ConsentWithdrawalItem { AnswerId = w.Signature.Answers.First(a => a.Kind == ConsentItemKind.PhotosShared).Id }],
        }).ToList();
        await InsertAsync(withdrawals, "Demo data: withdrawals of consent", ct);
        await IssueDemoDocumentsAsync(signatures, withdrawals, requestById, plans.ToDictionary(p => p.Invitation.Id, p => p.Invitation), photos, org.Name, now, ct);

        var emails = plans.Select(p => new OutgoingEmail
        {
            Kind = ConsentEmailKinds.Invitation,
            RelatedId = p.Invitation.Id,
            ToAddress = p.Invitation.RecipientEmail,
            ToName = p.Invitation.RecipientName,
            Subject = $"Consent needed for {p.Invitation.SubjectName} (demo data, not sent)",
            Status = OutgoingEmailStatus.Sent,
            Attempts = 1,
            CreatedAtUtc = p.Invitation.CreatedAtUtc,
            NextAttemptAtUtc = p.Invitation.CreatedAtUtc,
            LastAttemptAtUtc = p.Invitation.FirstSentAtUtc,
            SentAtUtc = p.Invitation.FirstSentAtUtc,
        }).ToList();
        await InsertAsync(emails, "Demo data: e-mail history of the consent invitations", ct);
        return plans.Count;
    }

    /// <summary>
    /// The signed records and withdrawal receipts of the demo answers, issued as the portal issues them
    /// (a few milliseconds each), for the first <see cref="MaxDemoDocuments"/> answers: enough to try the
    /// downloads without making a 50,000-child seed wait minutes for PDFs.
    /// </summary>
    private async Task IssueDemoDocumentsAsync(
        List<ConsentSignature> signatures, List<ConsentWithdrawal> withdrawals, Dictionary<int, ConsentRequest> requestById, Dictionary<int, ConsentInvitation> invitationById,
        ConsentTemplateVersion version, string organisationName, DateTimeOffset now, CancellationToken ct)
    {
        var chosen = signatures.Take(MaxDemoDocuments).ToList();
        var withdrawalsOf = withdrawals.ToLookup(w => w.SignatureId);
        foreach (var batch in chosen.Chunk(50))
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            db.AuditActor = AuditActor.System;
            db.AuditBulkDescription = $"Demo data: issued the PDFs of {batch.Length} consent answers and their withdrawals";
            foreach (var signature in batch)
            {
                var invitation = invitationById[signature.InvitationId!.Value];
                var shown = ConsentPresentation.For(requestById[invitation.RequestId], version, invitation);
                await ConsentDocuments.IssueOnlineRecordAsync(db, documents, signature, shown, signature.SignedAtUtc, ct);
                foreach (var withdrawal in withdrawalsOf[signature.Id])
                {
                    await ConsentDocuments.IssueReceiptAsync(db, documents, signature, withdrawal, organisationName, withdrawal.WithdrawnAtUtc, ct);
                }
            }

            await db.SaveChangesAsync(ct);
        }

        if (signatures.Count > chosen.Count)
        {
            logger.LogInformation("Demo data: issued PDFs for the first {Issued} of {Total} consent answers", chosen.Count, signatures.Count);
        }
    }
}
