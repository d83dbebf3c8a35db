using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>A portal configured with an SMTP server (the test listener) and an administrator.</summary>
public sealed class SmtpPortal : IAsyncLifetime
{
    public SmtpTestServer Smtp { get; private set; } = default!;

    public PortalAppFactory Factory { get; private set; } = default!;

    public PortalUser Administrator { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        Factory = new PortalAppFactory(new Dictionary<string, string?>
        {
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Email:Smtp:Security"] = "None",
            ["Email:FromAddress"] = "portal@hilltop.example",
            ["Email:FromName"] = "Hilltop Swimming Club",
        });
        Administrator = await Factory.CreateUserAsync("admin.smtp@example.org", "Admin Smtp", PortalRoles.Administrator);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>With <c>Email:Smtp:Host</c> set, the portal sends through the server and the outbox is out of use.</summary>
public sealed class PortalEmailWithSmtpTests(SmtpPortal portal) : IClassFixture<SmtpPortal>
{
    [Fact]
    public async Task The_portal_sends_through_the_configured_server_from_the_configured_sender()
    {
        var transport = portal.Factory.Services.GetRequiredService<IEmailTransport>();
        var message = new MimeMessage { Subject = "Through SMTP", Body = new TextPart("plain") { Text = "Hello" } };
        message.To.Add(MailboxAddress.Parse("jane.parent@example.org"));

        var result = Assert.Single(await transport.SendAsync([message], TestContext.Current.CancellationToken));

        Assert.True(result.Delivered, result.Error);
        Assert.IsType<SmtpEmailTransport>(transport);
        var received = (await portal.Smtp.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10))).Single(m => m.Subject == "Through SMTP");
        Assert.Equal("\"Hilltop Swimming Club\" <portal@hilltop.example>", received.From.ToString());
        Assert.False(Directory.Exists(Path.Combine(portal.Factory.DataDirectory, OutboxFolder.FolderName)));
    }

    [Fact]
    public async Task The_outbox_refuses_even_an_administrator_because_it_is_not_in_use()
    {
        await using var scope = await portal.Factory.ScopeForAsync(portal.Administrator);
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxService>();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.ListAsync(0, 25));
        await Assert.ThrowsAsync<InvalidOperationException>(() => outbox.ReadAsync("20261125T140512345Z-0a1b2c3d4e5f.eml"));

        Assert.False(outbox.IsInUse);
        Assert.Equal($"The outbox is not in use: e-mail is sent through the SMTP server 127.0.0.1:{portal.Smtp.Port}.", refused.Message);
    }
}
