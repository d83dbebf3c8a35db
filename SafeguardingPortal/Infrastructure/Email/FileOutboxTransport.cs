using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace SafeguardingPortal.Infrastructure.Email;

/// <summary>
/// The folder where, without an SMTP server, every e-mail is written instead of being sent
/// (<c>{data folder}/outbox</c>). Names are <c>{UTC time}-{random}.eml</c>, so their order is the order written.
/// </summary>
public sealed partial class OutboxFolder(string path)
{
    public const string FolderName = "outbox";

    public string Path { get; } = path;

    /// <summary>True only for names this folder gives its messages, e.g. <c>20261125T140512345Z-0a1b2c3d4e5f.eml</c>.</summary>
    public static bool IsMessageFileName(string? fileName) => fileName is not null && MessageFileName().IsMatch(fileName);

    internal static string NewMessageFileName(DateTimeOffset utcNow) =>
        $"{utcNow.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6))}.eml";

    /// <summary>The full path of a message, or null when the name is not one this folder could have given.</summary>
    internal string? PathOf(string? fileName) => IsMessageFileName(fileName) ? System.IO.Path.Combine(Path, fileName!) : null;

    [GeneratedRegex(@"^\d{8}T\d{9}Z-[0-9a-f]{12}\.eml\z", RegexOptions.CultureInvariant)]
    private static partial Regex MessageFileName();
}

/// <summary>
/// Writes each message as an .eml file into the outbox folder. A message is written under a temporary
/// name and then moved into place, so the outbox never lists a half-written file.
/// </summary>
public sealed class FileOutboxTransport(OutboxFolder folder, IOptions<EmailOptions> options, PortalClock clock, ILogger<FileOutboxTransport> logger) : IEmailTransport
{
    public string Description => "Outbox folder";

    public bool IsOutboxFolder => true;

    public async Task<IReadOnlyList<EmailDeliveryResult>> SendAsync(IReadOnlyList<MimeMessage> messages, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new EmailDeliveryResult[messages.Count];
        if (messages.Count == 0)
        {
            return results;
        }

        try
        {
            Directory.CreateDirectory(folder.Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var error = EmailMessages.OneLine($"Could not create the outbox folder {folder.Path}: {ex.Message}");
            logger.LogError("{Error}", error);
            Array.Fill(results, new EmailDeliveryResult(false, error));
            return results;
        }

        for (var i = 0; i < messages.Count; i++)
        {
            results[i] = await WriteAsync(messages[i], ct);
        }

        return results;
    }

    private async Task<EmailDeliveryResult> WriteAsync(MimeMessage message, CancellationToken ct)
    {
        EmailMessages.EnsureFrom(message, options.Value);
        var name = OutboxFolder.NewMessageFileName(clock.UtcNow);
        var final = Path.Combine(folder.Path, name);
        var temporary = final + ".tmp";
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, useAsync: true))
            {
                await message.WriteToAsync(stream, ct);
            }

            File.Move(temporary, final);
            return new EmailDeliveryResult(true, null);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            var error = EmailMessages.OneLine($"Could not write the message to the outbox folder: {ex.Message}");
            logger.LogError("{Error}", error);
            return new EmailDeliveryResult(false, error);
        }
        finally
        {
            TryDelete(temporary);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is never listed; leave it.
        }
    }
}
