using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MimeKit;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Email;
using static Microsoft.Playwright.Assertions;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>
/// Written consent from end to end: a lead publishes the photos form and asks a parent; the parent signs
/// on a phone from the e-mailed link, later withdraws consent to photos from the confirmation e-mail's
/// link; the lead sees each answer in the activity's grid and acknowledges the withdrawal. E-mail goes
/// through a real SMTP listener, sent by the portal's own background delivery.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ConsentJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private const string LeadEmail = "lead.consent@example.org";
    private const string ParentEmail = "jo.patel@example.org";
    private const string ChildName = "Aarav Patel";
    private const string Description = "Weekly coding sessions on a video call, making small games together.";
    private const string WhyOnline = "Members live far apart across the county.";
    private const string Benefits = "Learning to code with friends of the same age.";
    private const string Risks = "Strangers could join; the call is locked and two adults are always present.";
    private const string PhotosLabel = "Share photos taken during activities";
    private const string VideosLabel = "Share videos taken during activities";

    private static readonly TimeSpan EmailTimeout = TimeSpan.FromSeconds(30);

    private SmtpTestServer smtp = default!;
    private PortalAppFactory portal = default!;
    private string baseUrl = "";
    private int activityId;

    public async ValueTask InitializeAsync()
    {
        smtp = await SmtpTestServer.StartAsync();

        (portal, baseUrl) = EmailedLinkPortal.Start(smtp, deliverInBackground: true);

        await portal.CreateUserAsync(LeadEmail, "Lee Lead", PortalRoles.SafeguardingLead);
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.AuditActor = AuditActor.System;
        var staff = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        db.StaffMembers.Add(staff);
        await db.SaveChangesAsync();
        var activity = new Activity
        {
            Title = "Saturday coding club",
            Kind = ActivityKind.OnlineSessions,
            PlatformId = await db.Platforms.Where(p => p.Name == "Microsoft Teams").Select(p => p.Id).SingleAsync(),
            Description = Description,
            WhyOnline = WhyOnline,
            Benefits = Benefits,
            Risks = Risks,
            MinimumAge = 8,
            MaximumAge = 16,
            StartDate = new DateOnly(2026, 9, 1),
            LeadStaffMemberId = staff.Id,
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        db.Activities.Add(activity);
        var parent = new ParentCarer { FirstName = "Jo", LastName = "Patel", Email = ParentEmail, CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
        var child = new Child
        {
            FirstName = "Aarav",
            LastName = "Patel",
            DateOfBirth = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(-9).AddDays(-10)),
            CreatedAtUtc = DateTimeOffset.UtcNow,
            Version = Guid.NewGuid(),
        };
        child.Guardians.Add(new ChildGuardian { ParentCarer = parent, Relationship = "Mother", HasParentalResponsibility = true });
        db.Children.Add(child);
        await db.SaveChangesAsync();
        db.Enrolments.Add(new Enrolment { ActivityId = activity.Id, ChildId = child.Id, EnrolledAtUtc = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        activityId = activity.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await portal.DisposeAsync();
        await smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_lead_asks_a_parent_signs_on_a_phone_then_withdraws_photos_and_the_lead_acknowledges()
    {
        var activityUrl = $"{baseUrl}/activities/{activityId}";

        await browser.RunJourneyAsync(nameof(A_lead_asks_a_parent_signs_on_a_phone_then_withdraws_photos_and_the_lead_acknowledges), async page =>
        {
            // The lead publishes the photos form as version 1.
            await BrowserFixture.SignInAsync(page, baseUrl, LeadEmail);
            await page.GetByRole(AriaRole.Link, new() { Name = "Consent forms", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync($"{baseUrl}/consent/templates");
            await page.GetByTestId("templates").GetByRole(AriaRole.Link, new() { Name = "Sharing photos and videos" }).ClickAsync();
            await Expect(page.GetByTestId("template-heading")).ToHaveTextAsync("Sharing photos and videos");
            await page.GetByTestId("publish").ClickAsync();
            await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Publish version 1" }).ClickAsync();
            await Expect(page.GetByTestId("version-number")).ToHaveTextAsync("1");

            // ...and asks for consent for every child in the activity, following the e-mails going out.
            await OpenActivityAsync(page, activityUrl);
            await Expect(page.GetByTestId("activity-consent").GetByTestId("grid-empty")).ToContainTextAsync("Nobody has been asked yet.");
            await page.GetByTestId("ask-for-consent").ClickAsync();
            var dialog = page.GetByRole(AriaRole.Dialog);
            await BrowserFixture.ChooseOptionAsync(page, dialog.GetByLabel("Consent form"), "Sharing photos and videos, version 1");
            var allChildren = dialog.GetByRole(AriaRole.Radio, new() { Name = "All enrolled children (1)" });
            await allChildren.CheckAsync();
            await Expect(allChildren).ToBeCheckedAsync();
            await Expect(dialog.GetByTestId("send-preview")).ToContainTextAsync("1 invitation will be sent by e-mail.");
            await Expect(dialog.GetByTestId("send")).ToHaveTextAsync("Send 1 invitation");
            await dialog.GetByTestId("send").ClickAsync();
            var progress = dialog.GetByTestId("send-progress");

            // The dialog polls each second while the portal's background delivery sends: allow for a busy machine.
            await Expect(progress).ToContainTextAsync("Sent 1 of 1.", new() { Timeout = 20_000 });
            await Expect(progress).ToContainTextAsync("Finished.");
            await dialog.GetByTestId("close-send").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            var invitations = page.GetByTestId("invitations");
            await Expect(invitations).ToContainTextAsync(ParentEmail);
            await Expect(invitations).ToContainTextAsync("Sharing photos and videos, version 1");
            await ExpectCellAsync(page, "Photos shared", "Awaiting");

            // The parent's e-mail arrives at the SMTP server with a link to the portal's real address.
            var invitation = await WaitForEmailAsync(ParentEmail, "Consent needed for Aarav Patel");
            var signingLink = LinkIn(invitation, "l");

            await using var phoneContext = await browser.NewPhoneContextAsync();
            var phone = await phoneContext.NewPageAsync();
            string signatureReference = "";
            await EmailedLinkPortal.OnPhoneAsync(phone, nameof(ConsentJourneyTests), "signing", async () =>
            {
                await phone.GotoAsync(signingLink);
                await Expect(phone).ToHaveURLAsync(new Regex($"^{Regex.Escape(baseUrl)}/consent/sign/[0-9a-f]{{32}}$"));
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Consent to share photos and videos");
                await Expect(phone.GetByText("For your child:")).ToContainTextAsync(ChildName);
                var about = phone.GetByRole(AriaRole.Region, new() { Name = "About the activity: Saturday coding club" });
                foreach (var text in new[] { Description, WhyOnline, Benefits, Risks })
                {
                    await Expect(about).ToContainTextAsync(text);
                }

                // The signature pad is shown by the page's script: once it is visible the page is complete.
                var canvas = phone.Locator("[data-signature-pad] canvas");
                await Expect(canvas).ToBeVisibleAsync();
                await BrowserFixture.SaveDocumentationScreenshotAsync(phone, "consent-signing-phone.png");
                await AssertAccessibleAsync(phone, "the signing page on a phone");

                await phone.GetByRole(AriaRole.Group, new() { Name = PhotosLabel }).GetByRole(AriaRole.Radio, new() { Name = "I give consent" }).CheckAsync();
                await phone.GetByRole(AriaRole.Group, new() { Name = VideosLabel }).GetByRole(AriaRole.Radio, new() { Name = "I give consent" }).CheckAsync();
                await phone.GetByLabel("I confirm the declaration above").CheckAsync();
                await phone.GetByLabel("Your full name").FillAsync("Jo Patel");
                await phone.GetByLabel($"Your relationship to {ChildName}").FillAsync("Mother");

                // A short stroke on the signature pad, with the pointer.
                await canvas.ScrollIntoViewIfNeededAsync();
                var box = await canvas.BoundingBoxAsync() ?? throw new InvalidOperationException("The signature pad has no size.");
                await phone.Mouse.MoveAsync(box.X + (box.Width * 0.2f), box.Y + (box.Height * 0.6f));
                await phone.Mouse.DownAsync();
                await phone.Mouse.MoveAsync(box.X + (box.Width * 0.45f), box.Y + (box.Height * 0.3f), new() { Steps = 5 });
                await phone.Mouse.MoveAsync(box.X + (box.Width * 0.7f), box.Y + (box.Height * 0.65f), new() { Steps = 5 });
                await phone.Mouse.UpAsync();
                await Expect(phone.Locator("[data-signature-value]")).ToHaveValueAsync(new Regex("^data:image/png;base64,"));

                await phone.GetByTestId("submit-consent").ClickAsync();
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Thank you: your answers have been recorded");
                await Expect(phone.GetByTestId("signed-confirmation")).ToContainTextAsync("Your answers have been recorded.");
                signatureReference = (await phone.GetByTestId("signature-reference").InnerTextAsync()).Trim();
                Assert.False(string.IsNullOrEmpty(signatureReference), "The confirmation shows no reference.");
                await AssertAccessibleAsync(phone, "the signing confirmation on a phone");
            });

            // The lead sees the answers in the activity's grid.
            await page.ReloadAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await ExpectCellAsync(page, "Photos shared", "Given");
            await ExpectCellAsync(page, "Videos shared", "Given");
            await page.GetByTestId("activity-consent").EvaluateAsync("panel => panel.scrollIntoView()");
            await BrowserFixture.SaveDocumentationScreenshotAsync(page, "consent-grid.png");

            // The confirmation e-mail carries the reference and a withdrawal link; the parent withdraws photos only.
            var confirmation = await WaitForEmailAsync(ParentEmail, "Your consent has been recorded");
            Assert.Contains(signatureReference, confirmation.Subject, StringComparison.Ordinal);
            var withdrawalLink = LinkIn(confirmation, "w");
            string withdrawalReference = "";
            await EmailedLinkPortal.OnPhoneAsync(phone, nameof(ConsentJourneyTests), "withdrawal", async () =>
            {
                await phone.GotoAsync(withdrawalLink);
                await Expect(phone).ToHaveURLAsync(new Regex($"^{Regex.Escape(baseUrl)}/consent/withdraw/[0-9a-f]{{32}}$"));
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Withdraw consent");
                var answers = phone.GetByTestId("current-answers");
                await Expect(answers).ToContainTextAsync($"{PhotosLabel}: consent given");
                await Expect(answers).ToContainTextAsync($"{VideosLabel}: consent given");
                await AssertAccessibleAsync(phone, "the withdrawal page on a phone");

                await phone.GetByRole(AriaRole.Checkbox, new() { Name = PhotosLabel, Exact = true }).CheckAsync();
                await phone.GetByLabel("Your full name").FillAsync("Jo Patel");
                await phone.GetByTestId("submit-withdrawal").ClickAsync();
                await Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your withdrawal has been recorded");
                var done = phone.GetByTestId("withdrawal-confirmation");
                await Expect(done).ToContainTextAsync(PhotosLabel);
                await Expect(done).Not.ToContainTextAsync(VideosLabel);
                withdrawalReference = (await phone.GetByTestId("withdrawal-reference").InnerTextAsync()).Trim();
                Assert.False(string.IsNullOrEmpty(withdrawalReference), "The withdrawal confirmation shows no reference.");
                await AssertAccessibleAsync(phone, "the withdrawal confirmation on a phone");
            });

            // The lead: photos withdrawn, videos still given, and the withdrawal waiting to be acted on.
            await page.ReloadAsync();
            await BrowserFixture.WaitUntilInteractiveAsync(page);
            await ExpectCellAsync(page, "Photos shared", "Withdrawn");
            await ExpectCellAsync(page, "Videos shared", "Given");

            await page.GetByRole(AriaRole.Link, new() { Name = "Withdrawals", Exact = true }).ClickAsync();
            await Expect(page).ToHaveURLAsync($"{baseUrl}/consent/withdrawals");
            var withdrawals = page.GetByTestId("withdrawals");
            var row = withdrawals.GetByRole(AriaRole.Row).Filter(new() { HasText = withdrawalReference });
            await Expect(row).ToContainTextAsync("Not yet acted on");
            await Expect(row).ToContainTextAsync(ChildName);
            await Expect(row).ToContainTextAsync("Saturday coding club");
            await Expect(row).ToContainTextAsync(PhotosLabel);
            await row.GetByRole(AriaRole.Button, new() { Name = $"Acknowledge withdrawal {withdrawalReference}" }).ClickAsync();
            dialog = page.GetByRole(AriaRole.Dialog);
            await dialog.GetByLabel("What was done").FillAsync("Told Sam Host; the photos were taken down from the newsletter page.");
            await dialog.GetByTestId("confirm-acknowledge").ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
            await Expect(page.GetByTestId("withdrawals-empty")).ToBeVisibleAsync();
            await Expect(withdrawals).Not.ToContainTextAsync(withdrawalReference);

            // Still on record, as acted on.
            await page.GetByRole(AriaRole.Switch, new() { Name = "Not yet acted on only" }).ClickAsync();
            await Expect(row).ToContainTextAsync("Acknowledged by ");
            await Expect(row).Not.ToContainTextAsync("Not yet acted on");
            await Expect(row).ToContainTextAsync("the photos were taken down from the newsletter page");

            // The signed record and the withdrawal's receipt sit beside it, as issued; the record checks out on /verify.
            var original = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("record-pdf").ClickAsync());
            Assert.Equal($"consent-{signatureReference}.pdf", original.SuggestedFilename);
            var recordFile = Path.Combine(Path.GetTempPath(), $"journey-{Guid.NewGuid():N}.pdf");
            await original.SaveAsAsync(recordFile);
            var receipt = await page.RunAndWaitForDownloadAsync(() => row.GetByTestId("receipt-pdf").ClickAsync());
            Assert.Contains(withdrawalReference, receipt.SuggestedFilename, StringComparison.Ordinal);
            try
            {
                await page.GotoAsync($"{baseUrl}/verify");
                await page.GetByLabel("PDF file to check").SetInputFilesAsync(recordFile);
                await page.GetByTestId("verify-submit").ClickAsync();
                await Expect(page.GetByTestId("verification-headline")).ToContainTextAsync("Genuine");
                await Expect(page.GetByTestId("verification-result")).ToContainTextAsync(signatureReference);
                await BrowserFixture.SaveDocumentationScreenshotAsync(page, "verify-genuine.png");
                await AssertAccessibleAsync(page, "the verify page's answer");
            }
            finally
            {
                File.Delete(recordFile);
            }
        });
    }
}
