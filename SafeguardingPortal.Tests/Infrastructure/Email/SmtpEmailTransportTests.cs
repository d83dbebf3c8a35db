using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MimeKit;
using SafeguardingPortal.Infrastructure.Email;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>The SMTP transport against a real SMTP server on loopback.</summary>
public sealed class SmtpEmailTransportTests(ITestOutputHelper output) : IAsyncLifetime
{
    private SmtpTestServer smtp = default!;

    public async ValueTask InitializeAsync() => smtp = await SmtpTestServer.StartAsync();

    public async ValueTask DisposeAsync() => await smtp.DisposeAsync();

    private static SmtpEmailTransport TransportFor(int port, string? userName = null, string? password = null) =>
        new(Options.Create(new EmailOptions
        {
            FromAddress = "portal@hilltop.example",
            FromName = "Hilltop Swimming Club",
            Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, UserName = userName, Password = password, TimeoutSeconds = 10 },
        }), NullLogger<SmtpEmailTransport>.Instance);

    private static MimeMessage Message(string to, string subject, string body = "Hello", string? from = null)
    {
        var message = new MimeMessage();
        if (from is not null)
        {
            message.From.Add(MailboxAddress.Parse(from));
        }

        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = body };
        return message;
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Each_message_arrives_with_its_sender_recipient_subject_and_body()
    {
        var transport = TransportFor(smtp.Port);

        var results = await transport.SendAsync(
        [
            Message("jane.parent@example.org", "Consent for the online coding club", "Please sign: https://portal.example/sign/abc"),
            Message("sam.carer@example.org", "Reminder", "Still waiting", from: "Lead <lead@hilltop.example>"),
        ], TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(new EmailDeliveryResult(true, null), r));
        var received = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(10));
        var first = received.Single(m => m.Subject == "Consent for the online coding club");
        Assert.Equal("\"Hilltop Swimming Club\" <portal@hilltop.example>", first.From.ToString());
        Assert.Equal("jane.parent@example.org", first.To.Mailboxes.Single().Address);
        Assert.Equal("Please sign: https://portal.example/sign/abc", first.TextBody?.Trim());
        var second = received.Single(m => m.Subject == "Reminder");
        Assert.Equal("lead@hilltop.example", second.From.Mailboxes.Single().Address);
        Assert.Equal("SMTP server 127.0.0.1:" + smtp.Port, transport.Description);
        Assert.False(transport.IsOutboxFolder);
    }

    [Fact]
    public async Task A_thousand_messages_in_one_batch_all_arrive_over_one_connection()
    {
        var transport = TransportFor(smtp.Port);
        var messages = Enumerable.Range(1, 1000).Select(i => Message($"parent{i}@example.org", $"Message {i}", $"Body {i}")).ToList();

        var clock = Stopwatch.StartNew();
        var results = await transport.SendAsync(messages, TestContext.Current.CancellationToken);
        var received = await smtp.WaitForMessagesAsync(1000, TimeSpan.FromSeconds(60));
        clock.Stop();

        output.WriteLine($"1,000 messages sent and received over loopback in {clock.ElapsedMilliseconds} ms");
        Assert.Equal(1000, results.Count);
        Assert.All(results, r => Assert.True(r.Delivered, r.Error));
        Assert.Equal(messages.Select(m => m.Subject).Order(), received.Select(m => m.Subject).Order());
        Assert.Equal(1, smtp.ConnectionCount);
    }

    [Fact]
    public async Task When_the_server_is_down_every_message_fails_with_the_reason_and_nothing_is_thrown()
    {
        var transport = TransportFor(ClosedPort());

        var results = await transport.SendAsync(
            [Message("a@example.org", "One"), Message("b@example.org", "Two"), Message("c@example.org", "Three")],
            TestContext.Current.CancellationToken);

        Assert.Equal(3, results.Count);
        Assert.All(results, r =>
        {
            Assert.False(r.Delivered);
            Assert.StartsWith("Could not connect to the SMTP server 127.0.0.1:", r.Error, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_refused_recipient_fails_alone_and_the_others_are_delivered()
    {
        smtp.RefuseRecipient("gone@example.org");
        var transport = TransportFor(smtp.Port);

        var results = await transport.SendAsync(
            [Message("a@example.org", "First"), Message("gone@example.org", "Second"), Message("c@example.org", "Third")],
            TestContext.Current.CancellationToken);

        Assert.True(results[0].Delivered, results[0].Error);
        Assert.False(results[1].Delivered);
        Assert.Contains("refused the recipient gone@example.org", results[1].Error, StringComparison.Ordinal);
        Assert.True(results[2].Delivered, results[2].Error);
        var received = await smtp.WaitForMessagesAsync(2, TimeSpan.FromSeconds(10));
        Assert.Equal(["First", "Third"], received.Select(m => m.Subject));
        Assert.Equal(1, smtp.ConnectionCount);
    }

    [Fact]
    public async Task When_the_server_closes_the_connection_the_rest_of_the_batch_goes_over_a_new_one()
    {
        smtp.DropConnectionOn("drop@example.org");
        var transport = TransportFor(smtp.Port);

        var results = await transport.SendAsync(
            [Message("a@example.org", "First"), Message("drop@example.org", "Second"), Message("c@example.org", "Third"), Message("d@example.org", "Fourth")],
            TestContext.Current.CancellationToken);

        Assert.Equal([true, false, true, true], results.Select(r => r.Delivered));
        Assert.False(string.IsNullOrWhiteSpace(results[1].Error));
        var received = await smtp.WaitForMessagesAsync(3, TimeSpan.FromSeconds(10));
        Assert.Equal(["First", "Third", "Fourth"], received.Select(m => m.Subject));
        Assert.Equal(2, smtp.ConnectionCount);
    }

    [Fact]
    public async Task With_a_user_name_the_transport_signs_in_and_a_wrong_password_is_reported_without_revealing_it()
    {
        await using var secured = await SmtpTestServer.StartAsync("portal", "right-password-123");

        var signedIn = await TransportFor(secured.Port, "portal", "right-password-123")
            .SendAsync([Message("a@example.org", "Signed in")], TestContext.Current.CancellationToken);
        var refused = await TransportFor(secured.Port, "portal", "wrong-password-456")
            .SendAsync([Message("b@example.org", "Refused"), Message("c@example.org", "Refused too")], TestContext.Current.CancellationToken);

        Assert.True(signedIn[0].Delivered, signedIn[0].Error);
        Assert.Equal("Signed in", (await secured.WaitForMessagesAsync(1, TimeSpan.FromSeconds(10))).Single().Subject);
        Assert.All(refused, r =>
        {
            Assert.False(r.Delivered);
            Assert.Equal($"The SMTP server 127.0.0.1:{secured.Port} did not accept the configured user name and password.", r.Error);
            Assert.DoesNotContain("wrong-password-456", r.Error, StringComparison.Ordinal);
        });
        Assert.Single(secured.Messages);
    }

    [Fact]
    public async Task Cancelling_throws_instead_of_reporting_failures()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TransportFor(smtp.Port).SendAsync([Message("a@example.org", "Never")], cancelled.Token));
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task An_empty_batch_opens_no_connection()
    {
        var results = await TransportFor(smtp.Port).SendAsync([], TestContext.Current.CancellationToken);

        Assert.Empty(results);
        Assert.Equal(0, smtp.ConnectionCount);
    }
}
