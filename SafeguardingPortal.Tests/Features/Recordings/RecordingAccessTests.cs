using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>
/// The access log, families' own recording agreements, the policy's terms on recording-consent forms,
/// and a later refusal of recording raising disposal, on a real database and the real public pages.
/// </summary>
public sealed class RecordingAccessTests(RecordingPortal portal) : IClassFixture<RecordingPortal>
{
    private async Task<int> RecordedAsync(int sessionId, params int[] children)
    {
        await portal.AsAsync(portal.HostUser, s => s.RecordComfortCheckAsync(sessionId, "Everyone said yes."));
        return await portal.AsAsync(portal.HostUser, s => s.RegisterAsync(new RegisterRecordingModel
        {
            SessionId = sessionId,
            ChildIds = [.. children],
            Purpose = "To look again at a concern.",
            StorageReference = "Drive > Recordings > Access club",
        }));
    }

    [Fact]
    public async Task Each_access_is_logged_with_who_and_why_and_only_the_policys_roles_are_handed_the_storage_reference()
    {
        var (activity, session) = await portal.AddActivityAsync("Access club", DateTimeOffset.UtcNow.AddHours(-2));
        var (fay, fayParent) = await portal.AddFamilyAsync(activity, "Fay");
        await portal.ParentConsentsAsync(activity, fay, fayParent);
        var id = await RecordedAsync(session, fay);

        // A reason is required, and nothing is logged without one.
        var noReason = await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.Lead, s => s.RecordAccessAsync(id, "  ")));
        Assert.Contains("Reason", noReason.Errors.Keys);
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.Lead, s => s.RecordAccessAsync(id, new string('x', RecordingRules.TextLength + 1))));

        // The lead's role is named by the policy: the reference comes with the logged access. The host is logged but not handed it.
        Assert.Equal("Drive > Recordings > Access club", await portal.AsAsync(portal.Lead, s => s.RecordAccessAsync(id, "A parent raised a concern about the chat.")));
        Assert.Null(await portal.AsAsync(portal.HostUser, s => s.RecordAccessAsync(id, "Checking the sound before sending it to the lead.")));

        // Staff who do not host the session, auditors and managers cannot record access at all.
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.OtherStaffUser, s => s.RecordAccessAsync(id, "Curious")));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Auditor, s => s.RecordAccessAsync(id, "Audit")));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Manager, s => s.RecordAccessAsync(id, "Looking")));

        var seenByAuditor = (await portal.AsAsync(portal.Auditor, s => s.GetAsync(id)))!;
        Assert.False(seenByAuditor.MayRecordAccess);
        Assert.Equal(
            [("Sam Host", "Checking the sound before sending it to the lead."), ("Lee Lead", "A parent raised a concern about the chat.")],
            seenByAuditor.AccessLog.Select(a => (a.By, a.Reason)));
        Assert.True((await portal.AsAsync(portal.HostUser, s => s.GetAsync(id)))!.MayRecordAccess);

        await using var db = await portal.CreateDbAsync();
        Assert.Equal(2, await db.Set<RecordingAccess>().CountAsync(a => a.RecordingId == id));
        Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.EntityType == nameof(RecordingAccess) && e.Action == AuditActions.Created));
    }

    [Fact]
    public async Task A_familys_agreement_is_recorded_for_their_own_child_only_with_what_it_is_for_and_a_keep_until_date()
    {
        var (activity, session) = await portal.AddActivityAsync("Recital club", DateTimeOffset.UtcNow.AddDays(3));
        var (gus, _) = await portal.AddFamilyAsync(activity, "Gus");
        var (hal, _) = await portal.AddFamilyAsync(activity, "Hal");
        var choices = await portal.AsAsync(portal.HostUser, s => s.AgreementChoicesAsync(session));
        Assert.Equal(["Gus Gusson", "Hal Halson"], choices.Select(c => c.ChildName));
        var gusParent = Assert.Single(choices.Single(c => c.ChildId == gus).ParentsCarers);
        var halParent = Assert.Single(choices.Single(c => c.ChildId == hal).ParentsCarers);
        var today = DateTime.Today;
        FamilyAgreementModel Model() => new()
        {
            SessionId = session,
            ChildId = gus,
            ParentCarerId = gusParent.Id,
            UsedFor = "To watch Gus's recital again at home with his grandparents.",
            KeepUntil = today.AddMonths(6),
            AgreedOn = today,
        };

        // Another child's parent, a keep-until before the agreement, a future agreement date and a missing purpose are each refused.
        var wrongParent = Model();
        wrongParent.ParentCarerId = halParent.Id;
        Assert.Contains("ParentCarerId", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(wrongParent)))).Errors.Keys);
        var backwards = Model();
        backwards.KeepUntil = today.AddDays(-1);
        Assert.Contains("KeepUntil", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(backwards)))).Errors.Keys);
        var future = Model();
        future.AgreedOn = today.AddDays(2);
        future.KeepUntil = today.AddDays(30);
        Assert.Contains("AgreedOn", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(future)))).Errors.Keys);
        var farOff = Model();
        farOff.KeepUntil = today.AddYears(RecordingService.AgreementMaxYears + 1);
        Assert.Contains("KeepUntil", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(farOff)))).Errors.Keys);
        var nobody = Model();
        nobody.ParentCarerId = null;
        Assert.Contains("ParentCarerId", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(nobody)))).Errors.Keys);
        var both = Model();
        both.ByChild = true;
        Assert.Contains("ParentCarerId", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(both)))).Errors.Keys);
        var noPurpose = Model();
        noPurpose.UsedFor = " ";
        Assert.Contains("UsedFor", (await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(noPurpose)))).Errors.Keys);

        // Staff who do not host the session cannot record one for it; auditors cannot record at all.
        await Assert.ThrowsAsync<PortalValidationException>(() => portal.AsAsync(portal.OtherStaffUser, s => s.RecordAgreementAsync(Model())));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => portal.AsAsync(portal.Auditor, s => s.RecordAgreementAsync(Model())));
        await using (var db = await portal.CreateDbAsync())
        {
            Assert.False(await db.Set<FamilyRecordingAgreement>().AnyAsync(a => a.ActivitySessionId == session));
        }

        var reference = await portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(Model()));
        var byChild = Model();
        byChild.ChildId = hal;
        byChild.ParentCarerId = null;
        byChild.ByChild = true;
        byChild.UsedFor = "To practise the piece.";
        await portal.AsAsync(portal.HostUser, s => s.RecordAgreementAsync(byChild));

        var rows = (await portal.AsAsync(portal.Auditor, s => s.AgreementsAsync())).Where(r => r.ActivityTitle == "Recital club").ToList();
        var row = Assert.Single(rows, r => r.Reference == reference);
        Assert.Equal(("Gus Gusson", "Pat Gusson", DateOnly.FromDateTime(today.AddMonths(6)), false, true), (row.ChildName, row.AgreedBy, row.KeepUntil, row.KeepUntilPassed, row.NotShared));
        Assert.Equal("Hal Halson (the child)", Assert.Single(rows, r => r.ChildName == "Hal Halson").AgreedBy);
        Assert.DoesNotContain(await portal.AsAsync(portal.OtherStaffUser, s => s.AgreementsAsync()), r => r.ActivityTitle == "Recital club");
        Assert.Equal(2, (await portal.AsAsync(portal.HostUser, s => s.AgreementsAsync())).Count(r => r.ActivityTitle == "Recital club"));
    }

    [Fact]
    public async Task A_recording_consent_form_shows_the_active_policys_purpose_retention_and_who_can_see_and_keeps_them_in_the_signed_record()
    {
        var (activity, _) = await portal.AddActivityAsync("Terms club", DateTimeOffset.UtcNow.AddDays(1));
        var (ivy, ivyParent) = await portal.AddFamilyAsync(activity, "Ivy");
        await portal.ParentConsentsAsync(activity, ivy, ivyParent);

        await using var db = await portal.CreateDbAsync();
        var request = await db.Set<ConsentRequest>().AsNoTracking().SingleAsync(r => r.ActivityId == activity);
        var policy = await db.RecordingPolicies.AsNoTracking().SingleAsync(p => p.Status == RecordingPolicyStatus.Active);
        Assert.Equal(policy.Id, request.RecordingPolicyId);
        Assert.Equal(RecordingPolicyServiceTests.Written(Guid.Empty).Purpose, request.RecordingPurpose);
        Assert.StartsWith("Recordings are kept for 30 days after the session, then disposed of securely: Deleted from the folder", request.RecordingKeptFor, StringComparison.Ordinal);
        Assert.StartsWith("Safeguarding leads. A view-only link", request.RecordingSeenBy, StringComparison.Ordinal);

        // The signed record (read back from the issued PDF) says the same, and its evidence hash covers it.
        var signature = await db.Set<ConsentSignature>().AsNoTracking().Include(s => s.Answers).SingleAsync(s => s.ActivityId == activity);
        var document = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Kind == SafeguardingPortal.Features.Documents.DocumentKind.ConsentRecord && d.RelatedId == signature.Id);
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(document.Bytes);
        var text = string.Join(" ", pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
        Assert.Contains("About recording sessions", text, StringComparison.Ordinal);
        Assert.Contains("kept for 30 days after the session", text, StringComparison.Ordinal);
        var invitation = await db.Set<ConsentInvitation>().AsNoTracking().Include(i => i.Request).SingleAsync(i => i.Id == signature.InvitationId);
        var version = await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items).SingleAsync(v => v.Id == request.TemplateVersionId);
        var shown = ConsentPresentation.For(invitation.Request!, version, invitation);
        Assert.NotNull(shown.Recording);
        Assert.Equal(shown.ComputeSha256(), signature.PresentedSha256);
        Assert.Contains("\"Recording\":", shown.ToCanonicalJson(), StringComparison.Ordinal);

        // The signing page shows the terms under their own heading, to parents and children alike.
        var second = await portal.AddSecondParentAsync(ivy);
        var html = System.Net.WebUtility.HtmlDecode(await portal.OpenSigningPageAsync(activity, ivy, second));
        Assert.Contains("data-testid=\"recording-terms\"", html, StringComparison.Ordinal);
        Assert.Contains("About recording sessions", html, StringComparison.Ordinal);
        Assert.Contains(request.RecordingPurpose, html, StringComparison.Ordinal);
        Assert.Contains("Safeguarding leads. A view-only link", html, StringComparison.Ordinal);

        // A request without a policy (or for a form not about recording) keeps the canonical form it had before.
        var withoutTerms = ConsentPresentation.For(new ConsentRequest { OrganisationName = "Org" }, version, invitation);
        Assert.Null(withoutTerms.Recording);
        Assert.DoesNotContain("\"Recording\":", withoutTerms.ToCanonicalJson(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_form_refusing_recording_for_a_child_already_recorded_raises_disposal_and_tells_the_leads()
    {
        var (activity, session) = await portal.AddActivityAsync("Refusal club", DateTimeOffset.UtcNow.AddHours(-4));
        var (jo, joParent) = await portal.AddFamilyAsync(activity, "Jo");
        var (kit, kitParent) = await portal.AddFamilyAsync(activity, "Kit");
        await portal.ParentConsentsAsync(activity, jo, joParent);
        await portal.ParentConsentsAsync(activity, kit, kitParent);
        var withJo = await RecordedAsync(session, jo, kit);
        var withoutJo = await RecordedAsync(await portal.AddSessionAsync(activity, DateTimeOffset.UtcNow.AddHours(-1)), kit);

        // Jo's second parent, who also has parental responsibility, refuses recording on the form sent to them.
        var second = await portal.AddSecondParentAsync(jo);
        await portal.ParentConsentsAsync(activity, jo, second, refuseRecording: true);

        var tasks = (await portal.AsAsync(portal.Lead, s => s.DisposalTasksAsync(openOnly: true))).Where(t => t.RecordingId == withJo || t.RecordingId == withoutJo).ToList();
        var task = Assert.Single(tasks);
        Assert.Equal(withJo, task.RecordingId);
        await using var db = await portal.CreateDbAsync();
        var refusal = await db.Set<ConsentSignature>().AsNoTracking().Where(s => s.ActivityId == activity && s.ChildId == jo).OrderBy(s => s.Id).LastAsync();
        Assert.Equal((DisposalReason.ConsentRefused, refusal.Reference), (task.Reason, task.WithdrawalReference));

        var notice = portal.LastMessageTo("lead.rec@example.org");
        Assert.Equal($"Recordings to dispose of: consent refused ({refusal.Reference})", notice.Subject);
        var reference = await db.Recordings.AsNoTracking().Where(r => r.Id == withJo).Select(r => r.Reference).SingleAsync();
        Assert.Contains(reference, notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("http://localhost/recordings/disposals", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Kit", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Jo ", notice.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Joson", notice.TextBody, StringComparison.Ordinal);

        // Giving consent on a later form raises nothing.
        var before = await db.DisposalTasks.CountAsync();
        await portal.ParentConsentsAsync(activity, kit, kitParent);
        Assert.Equal(before, await db.DisposalTasks.CountAsync());
    }

    [Fact]
    public async Task A_back_dated_paper_refusal_older_than_the_same_parents_consent_raises_nothing_but_a_current_one_does()
    {
        var (activity, session) = await portal.AddActivityAsync("Paper club", DateTimeOffset.UtcNow.AddHours(-2));
        var (mo, moParent) = await portal.AddFamilyAsync(activity, "Mo");
        await portal.ParentConsentsAsync(activity, mo, moParent);
        var id = await RecordedAsync(session, mo);
        int parentId;
        Dictionary<int, bool> refusing;
        await using (var db = await portal.CreateDbAsync())
        {
            parentId = await db.ChildGuardians.Where(g => g.ChildId == mo).Select(g => g.ParentCarerId).SingleAsync();
            refusing = await db.Set<ConsentTemplateVersionItem>().Where(i => i.VersionId == portal.RecordingFormId).ToDictionaryAsync(i => i.Id, i => i.Kind != ConsentItemKind.SessionRecorded);
        }

        PaperConsentModel Paper(DateTime signedOn) => new()
        {
            ActivityId = activity,
            TemplateVersionId = portal.RecordingFormId,
            ChildId = mo,
            ParentCarerId = parentId,
            SignerName = "Pat Moson",
            Relationship = "Mother",
            SignedOn = signedOn,
            Answers = refusing,
            ScanContent = "%PDF-1.7 signed form"u8.ToArray(),
            ScanFileName = "form.pdf",
        };
        async Task<int> OpenTasksAsync()
        {
            await using var db = await portal.CreateDbAsync();
            return await db.DisposalTasks.CountAsync(t => t.RecordingId == id && t.CompletedAtUtc == null);
        }

        // A form she signed last week, entered only now: her online consent today is her latest answer, so it stands.
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().RecordPaperConsentAsync(Paper(DateTime.Today.AddDays(-7)));
        }

        Assert.Equal(0, await OpenTasksAsync());

        // The same refusal signed today (a minute later on the portal's clock) replaces her consent: the recording must go.
        portal.Factory.PortalTime.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = await portal.Factory.ScopeForAsync(portal.Lead))
        {
            await scope.ServiceProvider.GetRequiredService<ConsentRequestService>().RecordPaperConsentAsync(Paper(DateTime.Today));
        }

        Assert.Equal(1, await OpenTasksAsync());
    }

    [Fact]
    public async Task The_withdrawal_notice_to_the_leads_names_the_recordings_to_dispose_of()
    {
        var (activity, session) = await portal.AddActivityAsync("Notice club", DateTimeOffset.UtcNow.AddHours(-3));
        var (lou, louParent) = await portal.AddFamilyAsync(activity, "Lou");
        var link = await portal.ParentConsentsAsync(activity, lou, louParent);
        var id = await RecordedAsync(session, lou);
        byte[] record;
        await using (var db0 = await portal.CreateDbAsync())
        {
            var signatureId = await db0.Set<ConsentSignature>().Where(s => s.ActivityId == activity && s.ChildId == lou).Select(s => s.Id).SingleAsync();
            record = await db0.IssuedDocuments.Where(d => d.Kind == SafeguardingPortal.Features.Documents.DocumentKind.ConsentRecord && d.RelatedId == signatureId).Select(d => d.Bytes).SingleAsync();
        }

        Assert.Contains("No consent on it has been withdrawn since it was issued.", (await VerifyAsync(record)).Details);
        var withdrawal = await portal.ParentWithdrawsRecordingAsync(link);

        // The consent record still checks out as genuine on /verify, and says what was withdrawn since.
        var verified = await VerifyAsync(record);
        Assert.Equal(SafeguardingPortal.Features.Documents.VerificationVerdict.Genuine, verified.Verdict);
        Assert.Contains(verified.Details, d => d.StartsWith("Since it was issued, consent was withdrawn: ", StringComparison.Ordinal) && d.Contains($"(reference {withdrawal})", StringComparison.Ordinal));
        await portal.DeliverAsync();

        await using var db = await portal.CreateDbAsync();
        var reference = await db.Recordings.AsNoTracking().Where(r => r.Id == id).Select(r => r.Reference).SingleAsync();
        var notice = portal.Smtp.Messages.Last(m => m.Subject == $"Consent withdrawn: action needed ({withdrawal})" && m.To.Mailboxes.Any(x => x.Address == "lead.rec@example.org"));
        Assert.Contains($"the person is in 1 recording: {reference}", notice.TextBody, StringComparison.Ordinal);
        Assert.Contains("Disposal tasks", notice.TextBody, StringComparison.Ordinal);
    }

    private async Task<SafeguardingPortal.Features.Documents.VerificationResult> VerifyAsync(byte[] pdf)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SafeguardingPortal.Features.Documents.DocumentVerifier>().VerifyAsync(new MemoryStream(pdf), pdf.Length);
    }
}
