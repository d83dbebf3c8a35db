using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Features.Outbox;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Outbox;

/// <summary>The outbox page, rendered by bUnit over the real services, outbox folder and SQLite file.</summary>
public sealed class OutboxPageTests : PortalBunitContext
{
    private const string Notice = "No SMTP server is configured, so the portal writes every e-mail here instead of sending it.";

    private async Task UsePortalAsAsync(string role, EmailOptions? email = null)
    {
        await UsePortalAsAsync(role, typeof(OutboxService));
        Services.AddSingleton(PortalServices.GetRequiredService<OutboxFolder>());
        Services.AddSingleton(email is null ? PortalServices.GetRequiredService<IOptions<EmailOptions>>() : Options.Create(email));
    }

    private async Task SendAsync(MimeMessage message)
    {
        var result = Assert.Single(await Portal.Services.GetRequiredService<IEmailTransport>().SendAsync([message], Xunit.TestContext.Current.CancellationToken));
        Assert.True(result.Delivered, result.Error);
    }

    [Fact]
    public async Task An_administrator_is_warned_the_outbox_is_confidential_and_can_open_a_message_without_its_html_being_rendered()
    {
        await UsePortalAsAsync(PortalRoles.Administrator);
        var message = new MimeMessage { Subject = "Consent for the coding club" };
        message.To.Add(new MailboxAddress("Jane Parent", "jane.parent@example.org"));
        message.Body = new BodyBuilder
        {
            TextBody = "Please read and sign: https://portal.example/consent/sign/tok-123\nThank you.",
            HtmlBody = "<p>Please <b id=\"injected\">sign</b></p><script>document.title='owned'</script>",
        }.ToMessageBody();
        await SendAsync(message);

        var cut = Render<OutboxPage>();
        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=open-message]")));

        var notice = cut.Find("[data-testid=outbox-notice]").TextContent;
        Assert.Contains(Notice, notice, StringComparison.Ordinal);
        Assert.Contains("links in them are live and work for whoever opens them, so treat this page as confidential", notice, StringComparison.Ordinal);
        Assert.Contains("Email:Smtp:Host", notice, StringComparison.Ordinal);
        Assert.Contains("jane.parent@example.org", cut.Find("[data-testid=outbox-grid]").TextContent, StringComparison.Ordinal);

        cut.Find("[data-testid=open-message]").Click();

        cut.WaitForAssertion(() => Assert.Contains("Please read and sign: https://portal.example/consent/sign/tok-123", cut.Find("[data-testid=outbox-text]").TextContent, StringComparison.Ordinal));
        var shown = cut.Find("[data-testid=outbox-message]");
        Assert.Contains("Consent for the coding club", shown.QuerySelector("h2")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["https://portal.example/consent/sign/tok-123"], shown.QuerySelectorAll("input").Select(i => i.GetAttribute("value")));
        Assert.Contains("<b id=\"injected\">sign</b>", cut.Find("[data-testid=outbox-html]").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("#injected"));
        Assert.Empty(shown.QuerySelectorAll("script"));
    }

    [Fact]
    public async Task An_empty_outbox_says_what_will_appear_and_what_to_do()
    {
        await UsePortalAsAsync(PortalRoles.Administrator);

        var cut = Render<OutboxPage>();

        cut.WaitForAssertion(() => Assert.Contains("No e-mail has been written yet.", cut.Find("[data-testid=outbox-empty]").TextContent, StringComparison.Ordinal));
        Assert.Contains(Notice, cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_an_SMTP_server_the_page_says_the_outbox_is_not_in_use()
    {
        await UsePortalAsAsync(PortalRoles.Administrator, new EmailOptions { Smtp = new SmtpOptions { Host = "mail.example.org", Port = 587 } });

        var cut = Render<OutboxPage>();

        Assert.Contains("The outbox is not in use: the portal sends its e-mail through the SMTP server mail.example.org:587.",
            cut.Find("[data-testid=outbox-not-in-use]").TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(Notice, cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=outbox-grid]"));
    }

    [Fact]
    public async Task Someone_who_is_not_an_administrator_is_refused_by_the_service_and_sees_no_message()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead);
        var message = new MimeMessage { Subject = "Secret link inside", Body = new TextPart("plain") { Text = "https://portal.example/consent/sign/tok-9" } };
        message.To.Add(MailboxAddress.Parse("a@example.org"));
        await SendAsync(message);

        var cut = Render<OutboxPage>();

        cut.WaitForAssertion(() => Assert.Contains("You do not have permission to read the outbox.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Secret link inside", cut.Markup, StringComparison.Ordinal);
    }
}
