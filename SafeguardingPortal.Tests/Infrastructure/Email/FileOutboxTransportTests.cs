using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Email;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>The outbox-folder transport, on a temporary folder and a fake clock.</summary>
public sealed class FileOutboxTransportTests : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "portal-tests", "outbox-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 11, 25, 14, 5, 12, 345, TimeSpan.Zero));

    private string OutboxPath => Path.Combine(root, OutboxFolder.FolderName);

    public void Dispose()
    {
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private FileOutboxTransport Transport(string? folder = null) => new(
        new OutboxFolder(folder ?? OutboxPath),
        Options.Create(new EmailOptions { FromAddress = "portal@hilltop.example", FromName = "Hilltop Swimming Club" }),
        new PortalClock(time),
        NullLogger<FileOutboxTransport>.Instance);

    private static MimeMessage Message(string to, string subject)
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = $"Body of {subject}" };
        return message;
    }

    [Fact]
    public async Task Each_message_becomes_a_parseable_eml_file_named_by_the_time_written_and_no_temporary_file_remains()
    {
        var transport = Transport();

        var results = await transport.SendAsync([Message("a@example.org", "First"), Message("b@example.org", "Second")], TestContext.Current.CancellationToken);

        Assert.All(results, r => Assert.Equal(new EmailDeliveryResult(true, null), r));
        var files = Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, files.Count);
        Assert.All(files, f =>
        {
            Assert.StartsWith("20261125T140512345Z-", f, StringComparison.Ordinal);
            Assert.True(OutboxFolder.IsMessageFileName(f), f);
        });

        var written = new List<MimeMessage>();
        foreach (var file in files)
        {
            written.Add(await MimeMessage.LoadAsync(Path.Combine(OutboxPath, file!), TestContext.Current.CancellationToken));
        }

        Assert.Equal(["First", "Second"], written.Select(m => m.Subject).Order(StringComparer.Ordinal));
        var first = written.Single(m => m.Subject == "First");
        Assert.Equal("a@example.org", first.To.Mailboxes.Single().Address);
        Assert.Equal("Body of First", first.TextBody?.Trim());
        Assert.Equal("\"Hilltop Swimming Club\" <portal@hilltop.example>", first.From.ToString());
        Assert.True(transport.IsOutboxFolder);
        Assert.Equal("Outbox folder", transport.Description);
    }

    [Fact]
    public async Task A_message_that_names_its_sender_keeps_it()
    {
        var message = Message("a@example.org", "Own sender");
        message.From.Add(MailboxAddress.Parse("lead@hilltop.example"));

        await Transport().SendAsync([message], TestContext.Current.CancellationToken);

        var file = Assert.Single(Directory.GetFiles(OutboxPath));
        var written = await MimeMessage.LoadAsync(file, TestContext.Current.CancellationToken);
        Assert.Equal("lead@hilltop.example", written.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task When_the_folder_cannot_be_created_every_message_fails_with_the_reason()
    {
        // A file where the folder should be.
        Directory.CreateDirectory(root);
        var blocked = Path.Combine(root, "not-a-folder");
        await File.WriteAllTextAsync(blocked, "x", TestContext.Current.CancellationToken);

        var results = await Transport(blocked).SendAsync([Message("a@example.org", "One"), Message("b@example.org", "Two")], TestContext.Current.CancellationToken);

        Assert.All(results, r =>
        {
            Assert.False(r.Delivered);
            Assert.StartsWith("Could not create the outbox folder", r.Error, StringComparison.Ordinal);
        });
    }

    [Theory]
    [InlineData("20261125T140512345Z-0a1b2c3d4e5f.eml", true)]
    [InlineData("../20261125T140512345Z-0a1b2c3d4e5f.eml", false)]
    [InlineData("..\\x.eml", false)]
    [InlineData("../x.eml", false)]
    [InlineData("/etc/passwd", false)]
    [InlineData("portal.db", false)]
    [InlineData("20261125T140512345Z-0a1b2c3d4e5f.eml.tmp", false)]
    [InlineData("20261125T140512345Z-0A1B2C3D4E5F.eml", false)]
    [InlineData("20261125T140512345Z-0a1b2c3d4e5f.eml\n", false)]
    [InlineData("20261125T140512345Z-0a1b2c3d4e5f.eml/../../portal.db", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Only_names_the_outbox_gives_are_message_names(string? name, bool valid)
    {
        Assert.Equal(valid, OutboxFolder.IsMessageFileName(name));
    }
}
