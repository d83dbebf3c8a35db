using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Email;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// The life of a recording in the browser: a safeguarding lead writes the first-start recording policy
/// and a manager who did not write it approves it; a parent gives consent to recording on a phone; the
/// host checks coverage, records the comfort check and puts the recording on the register; the parent
/// withdraws consent from the confirmation e-mail's link; the lead disposes of the recording, which
/// stays on the register as a tombstone.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class RecordingJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string LeadEmail = "lead.recording@example.org";
    private const string ManagerEmail = "manager.recording@example.org";
    private const string HostEmail = "sam.host@example.org";
    private const string ParentEmail = "jo.patel@example.org";
    private const string ChildName = "Aarav Patel";
    private const string Activity = "Saturday coding club";
    private const string RecordingItem = "Record live online sessions";
    private const string Purpose = "To look again at anything of concern raised during the session.";
    private const string ComfortNote = "Asked at the start, on camera; everyone said yes.";
    private const string Storage = "Drive > Safeguarding > Recordings > Saturday coding club";

    private static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>What the lead writes in each section of the policy, by the section's label.</summary>
    private static readonly (string Label, string Text)[] PolicySections =
    [
        ("Why we record sessions", "So that a concern raised during a live session can be looked at again by the safeguarding lead."),
        ("What recordings are used for", "Reviewing safeguarding concerns only; never publicity, and never shared outside the organisation."),
        ("Where and how recordings are stored", "In the Safeguarding folder of the organisation's cloud drive, with two-step sign-in; no downloads or copies on personal devices."),
        ("How recordings are disposed of", "Deleted from the folder and its recycle bin, and every shared link removed; the safeguarding lead checks it has gone."),
        ("How those allowed see a recording", "Through a view-only link that expires after a day; each viewing is written in the portal's access log with the reason."),
        ("Who is responsible for making recordings", "The member of staff hosting the session"),
        ("Who is responsible for storing them", "The member of staff hosting the session"),
        ("Who is responsible for disposing of them", "The safeguarding lead"),
    ];

    /// <summary>The roles the lead adds to the draft's "Safeguarding leads".</summary>
    private static readonly string[] AddedRoles = ["Administrators", "Staff who host the session"];

    private SmtpTestServer smtp = default!;
    private PortalAppFactory portal = default!;
    private string baseUrl = "";
    private DateTimeOffset sessionStartsAtUtc;

    public async ValueTask InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();

        // The test delivers the outbox itself, so each e-mail is there when the next step needs it.
        (portal, baseUrl) = EmailedLinkPortal.Start(smtp, deliverInBackground: false);

        var lead = await portal.CreateUserAsync(LeadEmail, "Lee Lead", PortalRoles.SafeguardingLead);
        await portal.CreateUserAsync(ManagerEmail, "Mo Manager", PortalRoles.Manager);
        var hostUser = await portal.CreateUserAsync(HostEmail, "Sam Host", PortalRoles.Staff);

        int activityId, childId, hostId;
        sessionStartsAtUtc = portal.PortalTime.GetUtcNow().AddHours(-2);
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.AuditActor = AuditActor.System;
            var host = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = HostEmail, UserId = hostUser.Id, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            db.StaffMembers.Add(host);
            await db.SaveChangesAsync();
            var activity = new Activity
            {
                Title = Activity,
                Kind = ActivityKind.OnlineSessions,
                PlatformId = await db.Platforms.Where(p => p.Name == "Microsoft Teams").Select(p => p.Id).SingleAsync(),
                Description = "Weekly coding sessions on a video call, making small games together.",
                WhyOnline = "Members live far apart across the county.",
                Benefits = "Learning to code with friends of the same age.",
                Risks = "Strangers could join; the call is locked and two adults are always present.",
                MinimumAge = 8,
                MaximumAge = 16,
                StartDate = new DateOnly(2026, 9, 1),
                LeadStaffMemberId = host.Id,
                CreatedAtUtc = DateTimeOffset.UtcNow,
                Version = Guid.NewGuid(),
            };
            db.Activities.Add(activity);
            var parent = new ParentCarer { FirstName = "Jo", LastName = "Patel", Email = ParentEmail, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            var child = new Child { FirstName = "Aarav", LastName = "Patel", DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-9).AddDays(-10)), CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            child.Guardians.Add(new ChildGuardian { ParentCarer = parent, Relationship = "Mother", HasParentalResponsibility = true });
            db.Children.Add(child);
            await db.SaveChangesAsync();
            db.Enrolments.Add(new Enrolment { ActivityId = activity.Id, ChildId = child.Id, EnrolledAtUtc = DateTimeOffset.UtcNow });
            db.ActivitySessions.Add(new ActivitySession { ActivityId = activity.Id, StartsAtUtc = sessionStartsAtUtc, DurationMinutes = 60, HostStaffMemberId = host.Id, WillBeRecorded = true, Version = Guid.NewGuid() });
            await db.SaveChangesAsync();
            (activityId, childId, hostId) = (activity.Id, child.Id, host.Id);
        }

        // The lead publishes both recording forms and asks the parent and the host; the host signs at once
        // through the public signing page (without a browser); the parent's invitation waits in their inbox.
        await using var scope = await portal.ScopeForAsync(lead);
        var templates = scope.ServiceProvider.GetRequiredService<ConsentTemplateService>();
        async Task<int> PublishAsync(string name)
        {
            var form = (await templates.ListAsync()).Single(t => t.Name == name);
            return (await templates.PublishAsync(form.Id, (await templates.GetAsync(form.Id))!.Draft.Version)).Id;
        }

        var childrenForm = await PublishAsync("Recording live online sessions");
        var adultsForm = await PublishAsync("Recording consent for staff, volunteers and contract workers");
        var requests = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        await requests.SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = adultsForm, StaffMemberIds = [hostId] });
        await DeliverAsync();
        await HostSignsAsync(LinkIn(LastEmailTo(HostEmail), "l"));
        await requests.SendAsync(new SendConsentRequestModel { ActivityId = activityId, TemplateVersionId = childrenForm, ChildIds = [childId] });
        await DeliverAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task Policy_approved_consent_given_recording_registered_consent_withdrawn_and_the_recording_disposed_of_as_a_tombstone()
    {
        var today = portal.Services.GetRequiredService<PortalClock>().Today();
        var deleteBy = RecordingRules.DeleteBy(sessionStartsAtUtc, 30).ToString("d MMM yyyy", UkCulture);
        var todayText = today.ToString("d MMM yyyy", UkCulture);

        await browser.RunJourneyAsync(nameof(Policy_approved_consent_given_recording_registered_consent_withdrawn_and_the_recording_disposed_of_as_a_tombstone), async page =>
        {
            // The lead finds the first-start draft, every section still a prompt, and writes it.
            await BrowserFixture.SignInAsync(page, baseUrl, LeadEmail);
            await OpenFromMenuAsync(page, "Recording policy");
            await Expect(page.GetByTestId("no-active-policy")).ToContainTextAsync("No version of the policy has been approved yet");
            await Expect(page.GetByTestId("draft-policy")).ToHaveTextAsync("Continue the draft");
            await page.GetByTestId("draft-policy").ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex(@"/recordings/policy/\d+\?edit=true$"));
            foreach (var (label, text) in PolicySections)
            {
                var field = page.GetByLabel(label, new() { Exact = true });
                await Expect(field).ToHaveValueAsync(new Regex("^" + Regex.Escape(RecordingPolicyRules.PromptMarker)));
                await field.FillAsync(text);
            }

            await page.GetByLabel("Days recordings are kept after the session").FillAsync("30");
            await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = "Safeguarding leads" })).ToBeCheckedAsync();
            foreach (var role in AddedRoles)
            {
                var box = page.GetByRole(AriaRole.Checkbox, new() { Name = role });
                await box.CheckAsync();
                await Expect(box).ToBeCheckedAsync();
            }

            await page.GetByTestId("save-policy").ClickAsync();
            await Expect(page.GetByText("The draft is saved.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("policy-status")).ToContainTextAsync("Draft");
            await Expect(page.GetByTestId("policy-retention")).ToHaveTextAsync("30 days after the session, then disposed of as above.");
            await Expect(page.GetByTestId("policy-access")).ToHaveTextAsync("Safeguarding leads, Administrators, Staff who host the session");
            await Expect(page.GetByTestId("policy-view")).ToContainTextAsync(PolicySections[0].Text);
            await Expect(page.GetByText("Written by Lee Lead.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("approve-policy")).ToHaveCountAsync(0);
            await SignOutAsync(page);

            // A manager who did not write it approves it.
            await BrowserFixture.SignInAsync(page, baseUrl, ManagerEmail);
            await OpenFromMenuAsync(page, "Recording policy");
            await page.GetByTestId("policy-versions").GetByRole(AriaRole.Link, new() { Name = "Version 1" }).ClickAsync();
            await Expect(page.GetByTestId("policy-status")).ToContainTextAsync("Draft");
            await page.GetByTestId("approve-policy").ClickAsync();
            await Expect(page.GetByTestId("policy-status")).ToContainTextAsync("Active");
            await Expect(page.GetByText($"Approved by Mo Manager on {todayText}.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("approve-policy")).ToHaveCountAsync(0);
            await SignOutAsync(page);

            // The parent gives consent to recording on a phone, from the invitation's link.
            await using var phoneContext = await browser.NewPhoneContextAsync();
            var phone = await phoneContext.NewPageAsync();
            await EmailedLinkPortal.OnPhoneAsync(phone, nameof(RecordingJourneyTests), "signing", async () =>
            {
                await phone.GotoAsync(LinkIn(LastEmailTo(ParentEmail), "l"));
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent to record live online sessions");
                await Expect(phone.GetByText("For your child:")).ToContainTextAsync(ChildName);

                // (The form was sent before the policy was approved, so it carries no policy terms: RecordingAccessTests checks those.)
                await Accessibility.AssertWcagAsync(phone, "the recording-consent signing page on a phone");
                await phone.GetByRole(AriaRole.Group, new() { Name = RecordingItem }).GetByRole(AriaRole.Radio, new() { Name = "I give consent" }).CheckAsync();
                await phone.GetByRole(AriaRole.Group, new() { Name = "Appear in livestreams of the activity" }).GetByRole(AriaRole.Radio, new() { Name = "I do not give consent" }).CheckAsync();
                await phone.GetByLabel("I confirm the declaration above").CheckAsync();
                await phone.GetByLabel("Your full name").FillAsync("Jo Patel");
                await phone.GetByLabel($"Your relationship to {ChildName}").FillAsync("Mother");
                await phone.GetByTestId("submit-consent").ClickAsync();
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you: your answers have been recorded");
            });
            await DeliverAsync();

            // The host records the session: everyone is covered, the children were asked, it goes on the register.
            await BrowserFixture.SignInAsync(page, baseUrl, HostEmail);
            await OpenFromMenuAsync(page, "Recordings");
            await Expect(page.GetByText("No recordings yet. After a recorded session, use “Record a session”.")).ToBeVisibleAsync();
            await page.GetByTestId("new-recording").ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Record a session");
            var sessionName = $"{Activity}, {sessionStartsAtUtc.ToUkDateTime()} (host Sam Host)";
            await BrowserFixture.ChooseOptionAsync(page, page.GetByLabel("Session", new() { Exact = true }), sessionName);
            await Expect(page.GetByLabel("Session", new() { Exact = true })).ToHaveValueAsync(sessionName);
            await Expect(page.GetByRole(AriaRole.Checkbox, new() { Name = ChildName })).ToBeCheckedAsync();
            await Expect(page.GetByLabel("Staff, volunteers and contract workers who took part")).ToHaveValueAsync("Sam Host");
            var coverage = page.GetByTestId("coverage-panel");
            await Expect(coverage.GetByTestId("coverage-full")).ToHaveTextAsync("Everyone taking part has consented to the session being recorded.");
            await Expect(coverage.GetByTestId("coverage-line")).ToHaveCountAsync(2);
            foreach (var person in new[] { ChildName, "Sam Host" })
            {
                var line = coverage.GetByTestId("coverage-line").Filter(new() { HasText = person });
                await Expect(line.Locator("[data-status]")).ToHaveAttributeAsync("data-status", nameof(ConsentCellStatus.Given));
            }

            await Expect(coverage.GetByTestId("exclusion-note")).ToHaveCountAsync(0);
            await page.GetByLabel("Comfort check: how the children were asked (optional)").FillAsync(ComfortNote);
            await page.GetByTestId("comfort-check").ClickAsync();
            await Expect(page.GetByTestId("comfort-done")).ToHaveTextAsync("The comfort check for this session is recorded.");
            await page.GetByLabel("What this recording is for").FillAsync(Purpose);
            await page.GetByLabel("Where the recording is kept (folder or link)").FillAsync(Storage);
            await AssertEveryFieldIsLabelledAsync(page.Locator("main"), "the register form");
            await page.GetByTestId("register-recording").ClickAsync();

            await Expect(page).ToHaveURLAsync(new Regex(@"/recordings/\d+$"));
            var reference = page.GetByTestId("recording-reference");
            await Expect(reference).ToHaveTextAsync(new Regex(@"^R-[0-9A-Z]{4}-[0-9A-Z]{4}$"));
            var recordingReference = (await reference.InnerTextAsync()).Trim();
            var recordingUrl = page.Url;
            var recordingId = int.Parse(recordingUrl[(recordingUrl.LastIndexOf('/') + 1)..], CultureInfo.InvariantCulture);
            await Expect(page.GetByTestId("recording-state")).ToHaveTextAsync("Held");
            // Where it is kept is shown only once the host has recorded why they are opening it.
            await Expect(page.GetByTestId("storage-reference")).ToHaveTextAsync("Record your access below to see where it is kept");
            await page.GetByLabel("Why are you accessing this recording?").FillAsync("Checking the recording saved properly.");
            await page.GetByTestId("record-access").ClickAsync();
            await Expect(page.GetByTestId("storage-reference")).ToHaveTextAsync(Storage);
            await Expect(page.GetByTestId("access-log")).ToContainTextAsync("Sam Host");
            await Expect(page.GetByTestId("access-log")).ToContainTextAsync("Checking the recording saved properly.");
            var accessed = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "Your access has been recorded" });
            await Expect(accessed).ToBeVisibleAsync();
            await accessed.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await Expect(Detail(page, "Purpose")).ToHaveTextAsync(Purpose);
            await Expect(Detail(page, "Made by")).ToHaveTextAsync($"Sam Host; registered by Sam Host on {todayText}");
            await Expect(Detail(page, "Delete by")).ToHaveTextAsync(deleteBy);
            await Expect(Detail(page, "People recorded")).ToHaveTextAsync("2");
            var participants = page.GetByTestId("participants").GetByRole(AriaRole.Listitem);
            await Expect(participants).ToHaveTextAsync([$"{ChildName} (Child)", "Sam Host (Staff)"]);
            await Expect(page.GetByRole(AriaRole.Listbox)).ToHaveCountAsync(0);
            await Expect(page.GetByText($"No disposal task yet. One is raised on {deleteBy}, or at once if consent is withdrawn.")).ToBeVisibleAsync();

            var saved = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The recording is on the register." });
            await Expect(saved).ToBeVisibleAsync();
            await saved.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
            await OpenFromMenuAsync(page, "Recordings");
            var row = page.GetByTestId("recordings-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = recordingReference });
            await Expect(row).ToContainTextAsync(Activity);
            await Expect(row).ToContainTextAsync(deleteBy);
            await Expect(row.GetByTestId("recording-status")).ToHaveTextAsync("Held");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "recordings-register.png");
            await SignOutAsync(page);

            // The parent withdraws consent to recording from the confirmation e-mail, on the phone.
            var withdrawalReference = "";
            await EmailedLinkPortal.OnPhoneAsync(phone, nameof(RecordingJourneyTests), "withdrawal", async () =>
            {
                await phone.GotoAsync(LinkIn(LastEmailTo(ParentEmail, "Your consent has been recorded"), "w"));
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Withdraw consent");
                await Accessibility.AssertWcagAsync(phone, "the withdrawal page on a phone");
                await Expect(phone.GetByTestId("current-answers")).ToContainTextAsync($"{RecordingItem}: consent given");
                await phone.GetByRole(AriaRole.Checkbox, new() { Name = RecordingItem, Exact = true }).CheckAsync();
                await phone.GetByLabel("Your full name").FillAsync("Jo Patel");
                await phone.GetByLabel("Anything you want to tell us (optional)").FillAsync("We would rather Aarav was not recorded.");
                await phone.GetByTestId("submit-withdrawal").ClickAsync();
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your withdrawal has been recorded");
                await Expect(phone.GetByTestId("withdrawal-confirmation")).ToContainTextAsync(RecordingItem);
                await Expect(phone.GetByText("Where a recording already exists, it will be disposed of securely under the organisation's recording policy.")).ToBeVisibleAsync();
                withdrawalReference = (await phone.GetByTestId("withdrawal-reference").InnerTextAsync()).Trim();
                Assert.Matches(@"^W-[0-9A-Z]{4}-[0-9A-Z]{4}$", withdrawalReference);
            });

            // The lead finds the disposal task, marked as consent withdrawn and due today, and records the disposal.
            await BrowserFixture.SignInAsync(page, baseUrl, LeadEmail);
            await OpenFromMenuAsync(page, "Disposal tasks");
            var task = page.GetByTestId("disposal-task").Filter(new() { HasText = recordingReference });
            await Expect(task).ToContainTextAsync(Activity);
            await Expect(task).ToContainTextAsync("Consent withdrawn");
            await Expect(task).ToContainTextAsync($"Due by {todayText}; withdrawal {withdrawalReference}");
            await Expect(task).ToContainTextAsync("Method from the policy: " + PolicySections[3].Text);
            await Expect(task.GetByTestId("overdue")).ToHaveCountAsync(0);
            await task.GetByLabel("What you did (confirmation)").FillAsync("Deleted from the folder and the recycle bin; the shared link removed.");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "recording-disposal.png");
            await task.GetByTestId("complete-disposal").ClickAsync();
            await Expect(page.GetByText($"Disposal of {recordingReference} recorded.")).ToBeVisibleAsync();
            await Expect(page.GetByTestId("no-tasks")).ToHaveTextAsync("Nothing to dispose of.");
            await page.GetByRole(AriaRole.Switch, new() { Name = "Open tasks only" }).ClickAsync();
            await Expect(task).ToContainTextAsync("Done");
            await Expect(task).ToContainTextAsync($"Disposed of by Lee Lead on {todayText}");
            await Expect(task).ToContainTextAsync("the shared link removed.");

            // The tombstone: reference, session and dates remain; where it was kept and who was in it are gone.
            await task.GetByRole(AriaRole.Link, new() { Name = recordingReference }).ClickAsync();
            await Expect(page).ToHaveURLAsync(recordingUrl);
            await Expect(page.GetByTestId("recording-reference")).ToHaveTextAsync(recordingReference);
            await Expect(page.GetByTestId("recording-state")).ToHaveTextAsync("Disposed");
            await Expect(page.GetByTestId("tombstone")).ToContainTextAsync("This recording has been disposed of.");
            await Expect(page.GetByTestId("storage-reference")).ToHaveTextAsync("Removed at disposal");
            await Expect(Detail(page, "Session")).ToHaveTextAsync($"{Activity}, {sessionStartsAtUtc.ToUkDateTime()}");
            await Expect(Detail(page, "Purpose")).ToHaveTextAsync(Purpose);
            await Expect(Detail(page, "Delete by")).ToHaveTextAsync(deleteBy);
            await Expect(Detail(page, "People recorded")).ToHaveTextAsync("2");
            await Expect(page.GetByTestId("recording-task")).ToContainTextAsync($"Consent withdrawn ({withdrawalReference}), raised {todayText}, due by {todayText}.");
            await Expect(page.GetByTestId("recording-task")).ToContainTextAsync($"Disposed of by Lee Lead on {todayText}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Participants" })).ToHaveCountAsync(0);
            await Expect(page.Locator("main")).Not.ToContainTextAsync(ChildName);
            await Expect(page.Locator("main")).Not.ToContainTextAsync(Storage);

            await OpenFromMenuAsync(page, "Recordings");
            row = page.GetByTestId("recordings-grid").GetByRole(AriaRole.Row).Filter(new() { HasText = recordingReference });
            await Expect(row.GetByTestId("recording-status")).ToHaveTextAsync("Disposed");
            await Expect(row).ToContainTextAsync(deleteBy);

            await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
            var recording = await db.Recordings.AsNoTracking().Include(r => r.Participants).SingleAsync(r => r.Id == recordingId);
            Assert.Equal((RecordingStatus.Disposed, "", 0, 2), (recording.Status, recording.StorageReference, recording.Participants.Count, recording.ParticipantCount));
            Assert.NotNull(recording.DisposedAtUtc);
            var done = await db.Set<DisposalTask>().AsNoTracking().SingleAsync(t => t.RecordingId == recordingId);
            Assert.Equal((DisposalReason.ConsentWithdrawn, withdrawalReference, PolicySections[3].Text), (done.Reason, done.WithdrawalReference, done.Method));
            var check = await db.Set<SessionComfortCheck>().AsNoTracking().SingleAsync(c => c.ActivitySessionId == recording.ActivitySessionId);
            Assert.Equal(("Sam Host", ComfortNote), (check.CheckedByName, check.Note));
        });
    }
}
