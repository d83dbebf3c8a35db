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

/// <summary>The recording journey's helpers: labels, the menu, the recording's details, the e-mails, and the host's own consent.</summary>
public sealed partial class RecordingJourneyTests
{
    /// <summary>
    /// Every field a person can fill in has a name a screen reader reads out (a label, not a placeholder).
    /// </summary>
    private static async Task AssertEveryFieldIsLabelledAsync(ILocator form, string what)
    {
        var fields = form.Locator("input:not([type=hidden]):not([tabindex='-1']), textarea, select");
        var count = await fields.CountAsync();
        Assert.True(count > 0, $"No fields found in {what}.");
        for (var i = 0; i < count; i++)
        {
            var field = fields.Nth(i);
            if (await field.IsVisibleAsync())
            {
                await Expect(field).ToHaveAccessibleNameAsync(new Regex(@"\S"), new() { Timeout = 1_000 });
            }
        }
    }

    /// <summary>Follows a link in the navigation drawer (a page's breadcrumbs may hold a link of the same name).</summary>
    private static Task OpenFromMenuAsync(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true }).ClickAsync();

    /// <summary>The value beside a heading in the recording page's table of details.</summary>
    private static ILocator Detail(IPage page, string heading) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = heading, Exact = true }) }).GetByRole(AriaRole.Cell);

    private static Task SignOutAsync(IPage page) => BrowserFixture.SignOutAsync(page);

    private Task DeliverAsync() => portal.Services.GetRequiredService<EmailDispatcher>().DispatchAsync();

    private MimeKit.MimeMessage LastEmailTo(string address, string subjectStart = "") =>
        smtp.Messages.Last(m => m.To.Mailboxes.Any(x => string.Equals(x.Address, address, StringComparison.OrdinalIgnoreCase))
            && (m.Subject ?? "").StartsWith(subjectStart, StringComparison.Ordinal));

    /// <summary>The link of a kind (l: signing, w: withdrawal) in a message's text body, exactly as the portal wrote it.</summary>
    private string LinkIn(MimeKit.MimeMessage message, string kind) => EmailedLinkPortal.LinkIn(message, baseUrl, kind);

    /// <summary>The host signs their own recording consent on the public signing page, as a browser without script posts it.</summary>
    private async Task HostSignsAsync(string signingLink)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() }) { BaseAddress = new Uri(baseUrl) };
        var signPath = (await client.GetAsync(new Uri(signingLink))).RedirectTarget()!;
        var html = await (await client.GetAsync(signPath)).Content.ReadAsStringAsync();
        var form = Regex.Matches(html, "name=\"(item-\\d+)\" value=\"give\"").Select(m => m.Groups[1].Value).Distinct().ToDictionary(n => n, _ => "give");
        Assert.NotEmpty(form);
        form["SignerName"] = "Sam Host";
        form["Declaration"] = "true";
        var signed = await client.PostFormAsync(signPath, "consent-sign", form);
        Assert.Contains("Thank you: your answers have been recorded", await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
