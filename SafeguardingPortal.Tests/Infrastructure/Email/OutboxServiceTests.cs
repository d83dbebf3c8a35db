using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Email;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>
/// The outbox of a portal with no SMTP server, through the real services. The portal is this class's
/// own (not the shared one), so what other tests send does not reach its outbox.
/// </summary>
public sealed class OutboxServiceTests(SharedPortal portal) : IClassFixture<SharedPortal>, IAsyncLifetime
{
    private string OutboxPath => Path.Combine(portal.Factory.DataDirectory, OutboxFolder.FolderName);

    public ValueTask InitializeAsync()
    {
        if (Directory.Exists(OutboxPath))
        {
            Directory.Delete(OutboxPath, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Sends through the portal's own transport, one minute apart on the portal's clock.</summary>
    private async Task SendAsync(params MimeMessage[] messages)
    {
        var transport = portal.Factory.Services.GetRequiredService<IEmailTransport>();
        foreach (var message in messages)
        {
            portal.Factory.PortalTime.Advance(TimeSpan.FromMinutes(1));
            var result = Assert.Single(await transport.SendAsync([message], TestContext.Current.CancellationToken));
            Assert.True(result.Delivered, result.Error);
        }
    }

    private static MimeMessage Message(string to, string subject, DateTimeOffset? date = null)
    {
        var message = new MimeMessage { Subject = subject, Body = new TextPart("plain") { Text = $"Body of {subject}" } };
        message.To.Add(MailboxAddress.Parse(to));
        if (date is { } d)
        {
            message.Date = d;
        }

        return message;
    }

    private async Task<T> AsAdministratorAsync<T>(Func<OutboxService, Task<T>> action)
    {
        await using var scope = await portal.Factory.ScopeForAsync(portal.Administrator);
        return await action(scope.ServiceProvider.GetRequiredService<OutboxService>());
    }

    [Fact]
    public async Task Without_an_SMTP_server_the_portal_writes_its_e_mail_into_the_outbox_in_its_data_folder()
    {
        var transport = portal.Factory.Services.GetRequiredService<IEmailTransport>();

        await SendAsync(Message("jane.parent@example.org", "Consent request"));

        Assert.IsType<FileOutboxTransport>(transport);
        var file = Assert.Single(Directory.GetFiles(OutboxPath));
        Assert.True(OutboxFolder.IsMessageFileName(Path.GetFileName(file)));
        Assert.True(await AsAdministratorAsync(s => Task.FromResult(s.IsInUse)));
    }

    [Fact]
    public async Task The_outbox_lists_its_messages_newest_first_a_page_at_a_time()
    {
        var sent = new DateTimeOffset(2026, 11, 25, 9, 30, 0, TimeSpan.FromHours(1));
        await SendAsync([.. Enumerable.Range(1, 5).Select(i => Message($"parent{i}@example.org", $"Message {i}", sent.AddMinutes(i)))]);

        var first = await AsAdministratorAsync(s => s.ListAsync(0, 2));
        var second = await AsAdministratorAsync(s => s.ListAsync(1, 2));
        var last = await AsAdministratorAsync(s => s.ListAsync(2, 2));

        Assert.Equal(5, first.TotalCount);
        Assert.Equal(["Message 5", "Message 4"], first.Messages.Select(m => m.Subject));
        Assert.Equal(["Message 3", "Message 2"], second.Messages.Select(m => m.Subject));
        Assert.Equal(["Message 1"], last.Messages.Select(m => m.Subject));
        var newest = first.Messages[0];
        Assert.Equal("parent5@example.org", newest.To);
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 8, 35, 0, TimeSpan.Zero), newest.DateUtc);
        Assert.Equal(TimeSpan.Zero, newest.DateUtc.Offset);
        Assert.True(newest.SizeBytes > 100);
    }

    [Fact]
    public async Task Half_written_and_foreign_files_are_not_listed()
    {
        await SendAsync(Message("a@example.org", "Real"));
        await File.WriteAllTextAsync(Path.Combine(OutboxPath, "20261125T140512345Z-0a1b2c3d4e5f.eml.tmp"), "half", TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(OutboxPath, "notes.eml"), "Subject: not ours\r\n\r\n", TestContext.Current.CancellationToken);

        var listing = await AsAdministratorAsync(s => s.ListAsync(0, 25));

        Assert.Equal(1, listing.TotalCount);
        Assert.Equal("Real", Assert.Single(listing.Messages).Subject);
    }

    [Fact]
    public async Task Opening_a_message_shows_its_headers_text_html_and_links_and_is_audited()
    {
        var message = new MimeMessage { Subject = "Please sign the consent form" };
        message.From.Add(new MailboxAddress("Hilltop Swimming Club", "portal@hilltop.example"));
        message.To.Add(new MailboxAddress("Jane Parent", "jane.parent@example.org"));
        message.Cc.Add(MailboxAddress.Parse("lead@hilltop.example"));
        message.Body = new BodyBuilder
        {
            TextBody = "Sign here: https://portal.example/consent/sign/tok-123.\nWithdraw any time: https://portal.example/consent/withdraw/tok-456",
            HtmlBody = "<p><a href=\"https://portal.example/consent/sign/tok-123\">Sign</a><script>alert(1)</script></p>",
        }.ToMessageBody();
        await SendAsync(message);
        var fileName = (await AsAdministratorAsync(s => s.ListAsync(0, 1))).Messages.Single().FileName;

        var opened = await AsAdministratorAsync(s => s.ReadAsync(fileName));

        Assert.NotNull(opened);
        Assert.Equal("Please sign the consent form", opened.Subject);
        Assert.Equal("\"Hilltop Swimming Club\" <portal@hilltop.example>", opened.From);
        Assert.Equal("\"Jane Parent\" <jane.parent@example.org>", opened.To);
        Assert.Equal("lead@hilltop.example", opened.Cc);
        Assert.Contains("Sign here: https://portal.example/consent/sign/tok-123.", opened.TextBody, StringComparison.Ordinal);
        Assert.Contains("<script>alert(1)</script>", opened.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(["https://portal.example/consent/sign/tok-123", "https://portal.example/consent/withdraw/tok-456"], opened.Links);
        Assert.Contains(opened.Headers, h => h.Name == "Subject" && h.Value == "Please sign the consent form");
        var viewed = Assert.Single(await portal.Factory.EventsAsync(), e => e.Action == AuditActions.Viewed && e.EntityKey == fileName);
        Assert.Equal("OutboxMessage", viewed.EntityType);
        Assert.Contains("Please sign the consent form", viewed.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../x.eml")]
    [InlineData("..%2Fx.eml")]
    [InlineData("../outbox/../x.eml")]
    [InlineData("/tmp/x.eml")]
    [InlineData("x.eml")]
    [InlineData("../portal.db")]
    [InlineData("20261125T140512345Z-0a1b2c3d4e5f.eml/../../x.eml")]
    public async Task Names_the_outbox_could_not_have_given_are_refused(string name)
    {
        // Something worth stealing next to the outbox folder.
        var outside = Message("victim@example.org", "Outside the outbox");
        Directory.CreateDirectory(OutboxPath);
        await outside.WriteToAsync(Path.Combine(portal.Factory.DataDirectory, "x.eml"), TestContext.Current.CancellationToken);
        await outside.WriteToAsync(Path.Combine(OutboxPath, "x.eml"), TestContext.Current.CancellationToken);

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsAdministratorAsync(s => s.ReadAsync(name)));

        Assert.Equal("There is no such message in the outbox.", refused.Message);
    }

    [Fact]
    public async Task A_message_removed_from_the_folder_reads_as_gone()
    {
        Directory.CreateDirectory(OutboxPath);

        var opened = await AsAdministratorAsync(s => s.ReadAsync("20261125T140512345Z-0a1b2c3d4e5f.eml"));

        Assert.Null(opened);
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_administrators_may_read_the_outbox(string role)
    {
        await SendAsync(Message("a@example.org", "Confidential link"));
        var fileName = (await AsAdministratorAsync(s => s.ListAsync(0, 1))).Messages.Single().FileName;
        await using var scope = await portal.Factory.ScopeForAsync(portal.UserByRole[role]);
        var outbox = scope.ServiceProvider.GetRequiredService<OutboxService>();

        var list = await Assert.ThrowsAsync<PortalAccessDeniedException>(() => outbox.ListAsync(0, 25));
        var read = await Assert.ThrowsAsync<PortalAccessDeniedException>(() => outbox.ReadAsync(fileName));

        Assert.Equal("You do not have permission to read the outbox.", list.Message);
        Assert.Equal("You do not have permission to read the outbox.", read.Message);
        Assert.Contains(await portal.Factory.EventsAsync(), e => e.Action == AuditActions.AccessDenied && e.Summary.Contains("read the outbox", StringComparison.Ordinal));
    }
}
