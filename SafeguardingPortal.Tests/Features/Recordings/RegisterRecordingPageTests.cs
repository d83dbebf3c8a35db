using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>The page where a host records a session, rendered over the real service and database.</summary>
public sealed class RegisterRecordingPageTests : PortalBunitContext
{
    private readonly DateTimeOffset firstStartsAtUtc = DateTimeOffset.UtcNow.AddDays(-2);

    private IRenderedComponent<MudPopoverProvider> popovers = default!;

    /// <summary>Two sessions of one activity, hosted by Sam Host; the page rendered for a safeguarding lead, who may record any session.</summary>
    private async Task<IRenderedComponent<RegisterRecordingPage>> RenderAsync()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead, typeof(RecordingService));
        await using (var db = await Portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            db.AuditActor = AuditActor.System;
            var host = new StaffMember { FirstName = "Sam", LastName = "Host", WorkEmail = "sam.host@example.org", CreatedAtUtc = DateTimeOffset.UtcNow, Version = Guid.NewGuid() };
            db.StaffMembers.Add(host);
            await db.SaveChangesAsync();
            var activity = new Activity
            {
                Title = "Coding club",
                Kind = ActivityKind.OnlineSessions,
                PlatformId = await db.Platforms.Select(p => p.Id).FirstAsync(),
                Description = "Weekly coding sessions.",
                WhyOnline = "Members live far apart.",
                Benefits = "Learning with friends.",
                Risks = "Strangers could join; the call is locked.",
                MinimumAge = 8,
                MaximumAge = 16,
                StartDate = new DateOnly(2026, 9, 1),
                LeadStaffMemberId = host.Id,
                CreatedAtUtc = DateTimeOffset.UtcNow,
                Version = Guid.NewGuid(),
            };
            db.Activities.Add(activity);
            await db.SaveChangesAsync();
            foreach (var startsAt in new[] { firstStartsAtUtc, firstStartsAtUtc.AddDays(1) })
            {
                db.ActivitySessions.Add(new ActivitySession { ActivityId = activity.Id, StartsAtUtc = startsAt, DurationMinutes = 60, HostStaffMemberId = host.Id, WillBeRecorded = true, Version = Guid.NewGuid() });
            }

            await db.SaveChangesAsync();
        }

        popovers = Render<MudPopoverProvider>();
        var page = Render<RegisterRecordingPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=register-session]")));
        return page;
    }

    private static string Describe(DateTimeOffset startsAtUtc) => $"Coding club, {startsAtUtc.ToUkDateTime()} (host Sam Host)";

    /// <summary>Opens the session list (on mouse down) and picks a session from the popover layer.</summary>
    private void Choose(IRenderedComponent<RegisterRecordingPage> page, DateTimeOffset startsAtUtc)
    {
        page.Find(".mud-input-control:has([data-testid=register-session])").MouseDown();
        popovers.WaitForAssertion(() => popovers.FindAll(".mud-list-item").Single(i => i.TextContent.Contains(Describe(startsAtUtc), StringComparison.Ordinal)).Click());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=coverage-panel]")));
    }

    [Fact]
    public async Task The_chosen_session_is_named_in_the_field_itself_where_a_screen_reader_reads_it()
    {
        var page = await RenderAsync();
        Choose(page, firstStartsAtUtc);
        page.WaitForAssertion(() => Assert.Equal(Describe(firstStartsAtUtc), page.Find("[data-testid=register-session]").GetAttribute("value")));
    }

    [Fact]
    public async Task A_comfort_check_just_recorded_is_still_shown_as_done_after_choosing_another_session_and_coming_back()
    {
        var page = await RenderAsync();
        Choose(page, firstStartsAtUtc);
        page.Find("[data-testid=comfort-check]").Click();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=comfort-done]")));

        Choose(page, firstStartsAtUtc.AddDays(1));
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=comfort-check]")));
        Choose(page, firstStartsAtUtc);
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=comfort-done]")));
        Assert.Empty(page.FindAll("[data-testid=comfort-check]"));
    }
}
