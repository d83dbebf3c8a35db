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

/// <summary>The journey's helpers: the phone, the e-mails at the loopback SMTP server, axe, and the consent grid.</summary>
public sealed partial class ConsentJourneyTests
{
    /// <summary>Waits until an e-mail to <paramref name="to"/> whose subject starts so has arrived (no polling: each wait ends on a new message).</summary>
    private async Task<MimeMessage> WaitForEmailAsync(string to, string subjectStart)
    {
        var count = 1;
        while (true)
        {
            var messages = await smtp.WaitForMessagesAsync(count, EmailTimeout);
            var match = messages.LastOrDefault(m =>
                m.To.Mailboxes.Any(x => string.Equals(x.Address, to, StringComparison.OrdinalIgnoreCase))
                && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal));
            if (match is not null)
            {
                return match;
            }

            count = messages.Count + 1;
        }
    }

    /// <summary>The link of a kind (l: signing, w: withdrawal) in a message's text body, exactly as the portal wrote it.</summary>
    private string LinkIn(MimeMessage message, string kind) => EmailedLinkPortal.LinkIn(message, baseUrl, kind);

    private static Task AssertAccessibleAsync(IPage page, string what) => Accessibility.AssertWcagAsync(page, what);

    /// <summary>The chip in the activity's consent grid for a child and a kind of consent (by its column heading).</summary>
    private static async Task<ILocator> GridCellAsync(IPage page, string child, string kind)
    {
        var grid = page.GetByTestId("consent-grid");
        var row = grid.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = child }) });
        await Expect(row).ToBeVisibleAsync();
        var headings = (await grid.GetByRole(AriaRole.Columnheader).AllInnerTextsAsync()).Select(h => h.Trim()).ToList();
        var column = headings.IndexOf(kind);
        Assert.True(column > 0, $"No column “{kind}” in the consent grid: {string.Join(" | ", headings)}");

        // The first column is the child's name, a row header; the answers are the row's cells.
        return row.GetByRole(AriaRole.Cell).Nth(column - 1).Locator("[data-status]");
    }

    private static async Task ExpectCellAsync(IPage page, string kind, string status)
    {
        var cell = await GridCellAsync(page, ChildName, kind);
        await Expect(cell).ToHaveAttributeAsync("data-status", status);
        await Expect(cell).ToContainTextAsync(status);
    }

    private static async Task OpenActivityAsync(IPage page, string url)
    {
        await page.GotoAsync(url);
        await BrowserFixture.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("activity-title")).ToHaveTextAsync("Saturday coding club");
    }

}
