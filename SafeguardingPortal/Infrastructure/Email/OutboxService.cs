using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Utils;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Infrastructure.Email;

/// <summary>One line of the outbox: when, to whom, what about.</summary>
public sealed record OutboxMessageSummary(string FileName, DateTimeOffset DateUtc, string To, string Subject, long SizeBytes);

/// <summary>One page of the outbox, newest first, and how many messages it holds in all.</summary>
public sealed record OutboxListing(IReadOnlyList<OutboxMessageSummary> Messages, int TotalCount);

public sealed record OutboxHeader(string Name, string Value);

/// <summary>
/// One message as written: its headers, its plain text, and its HTML as source text (never rendered).
/// <see cref="Links"/> are the web addresses in it, for an administrator to copy and pass on.
/// </summary>
public sealed record OutboxMessage(
    string FileName,
    DateTimeOffset DateUtc,
    string From,
    string To,
    string Cc,
    string Subject,
    IReadOnlyList<OutboxHeader> Headers,
    string? TextBody,
    string? HtmlBody,
    IReadOnlyList<string> Links,
    long SizeBytes);

/// <summary>
/// Reads the outbox folder, where every e-mail goes while no SMTP server is configured. Its messages
/// hold live signing and withdrawal links, so only administrators may read them
/// (<see cref="PortalPolicies.CanReadOutbox"/>), and opening one is audited.
/// </summary>
public sealed partial class OutboxService(OutboxFolder folder, IOptions<EmailOptions> options, CurrentUser currentUser, AuditTrail auditTrail)
{
    public const int MaxPageSize = 100;

    /// <summary>False when an SMTP server is configured: mail is sent, and nothing new arrives here.</summary>
    public bool IsInUse => !options.Value.IsSmtpConfigured;

    /// <summary>The configured SMTP server ("host:port"), or null when there is none.</summary>
    public string? SmtpServer => IsInUse ? null : $"{options.Value.Smtp.Host.Trim()}:{options.Value.Smtp.Port}";

    /// <summary>Messages newest first (by when they were written); <paramref name="page"/> counts from 0.</summary>
    public async Task<OutboxListing> ListAsync(int page, int pageSize, CancellationToken ct = default)
    {
        await DemandAsync("read the outbox");
        pageSize = Math.Clamp(pageSize, 1, MaxPageSize);
        page = Math.Max(0, page);

        var names = MessageFileNames();
        var rows = new List<OutboxMessageSummary>(pageSize);
        foreach (var name in names.Skip(page * pageSize).Take(pageSize))
        {
            var row = await ReadSummaryAsync(name, ct);
            if (row is not null)
            {
                rows.Add(row);
            }
        }

        return new OutboxListing(rows, names.Count);
    }

    /// <summary>
    /// One message by its file name, or null when it is no longer there. Names the outbox could not
    /// have given (another folder, another extension) are refused.
    /// </summary>
    public async Task<OutboxMessage?> ReadAsync(string fileName, CancellationToken ct = default)
    {
        await DemandAsync("read the outbox");
        var path = folder.PathOf(fileName)
            ?? throw new PortalValidationException(nameof(fileName), "There is no such message in the outbox.");

        MimeMessage message;
        long size;
        try
        {
            await using var stream = OpenRead(path);
            size = stream.Length;
            message = await MimeMessage.LoadAsync(stream, ct);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        var result = new OutboxMessage(
            fileName,
            DateOf(message.Headers, fileName),
            message.From.ToString(),
            message.To.ToString(),
            message.Cc.ToString(),
            message.Subject ?? "",
            message.Headers.Select(h => new OutboxHeader(h.Field, h.Value)).ToList(),
            message.TextBody,
            message.HtmlBody,
            LinksIn(message.TextBody ?? message.HtmlBody),
            size);

        await auditTrail.RecordAsync(
            AuditActions.Viewed,
            AuditText.Neutralise($"Opened the e-mail “{result.Subject}” to {result.To} in the outbox"),
            "OutboxMessage",
            fileName,
            ct: ct);
        return result;
    }

    /// <summary>The distinct http(s) addresses in a text, in the order they appear.</summary>
    public static IReadOnlyList<string> LinksIn(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : Link().Matches(text).Select(m => m.Value.TrimEnd('.', ',', ';', ':', ')', '!', '?')).Distinct(StringComparer.Ordinal).ToList();

    private async Task DemandAsync(string what)
    {
        await currentUser.DemandAsync(PortalPolicies.CanReadOutbox, what);
        if (!IsInUse)
        {
            throw new InvalidOperationException(
                $"The outbox is not in use: e-mail is sent through the SMTP server {SmtpServer}.");
        }
    }

    private List<string> MessageFileNames()
    {
        if (!Directory.Exists(folder.Path))
        {
            return [];
        }

        // Names begin with the UTC time they were written, so the reverse ordinal order is newest first.
        return Directory.EnumerateFiles(folder.Path, "*.eml")
            .Select(Path.GetFileName)
            .Where(OutboxFolder.IsMessageFileName)
            .Select(n => n!)
            .OrderDescending(StringComparer.Ordinal)
            .ToList();
    }

    private async Task<OutboxMessageSummary?> ReadSummaryAsync(string fileName, CancellationToken ct)
    {
        try
        {
            await using var stream = OpenRead(Path.Combine(folder.Path, fileName));
            var headers = await HeaderList.LoadAsync(stream, ct);
            return new OutboxMessageSummary(fileName, DateOf(headers, fileName), headers[HeaderId.To] ?? "", headers[HeaderId.Subject] ?? "", stream.Length);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Removed since the folder was listed.
            return null;
        }
        catch (FormatException)
        {
            return new OutboxMessageSummary(fileName, WrittenAt(fileName), "", "(not a readable e-mail)", new FileInfo(Path.Combine(folder.Path, fileName)).Length);
        }
    }

    private static FileStream OpenRead(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 16 * 1024, useAsync: true);

    /// <summary>The message's Date header in UTC, or when it was written to the outbox when it has none.</summary>
    private static DateTimeOffset DateOf(HeaderList headers, string fileName) =>
        headers[HeaderId.Date] is { } value && DateUtils.TryParse(value, out var date) ? date.ToUniversalTime() : WrittenAt(fileName);

    private static DateTimeOffset WrittenAt(string fileName) =>
        DateTimeOffset.ParseExact(fileName[..19], "yyyyMMdd'T'HHmmssfff'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal);

    [GeneratedRegex(@"https?://[^\s<>""']+", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex Link();
}
