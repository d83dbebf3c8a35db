using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>One changed field of an audited record. Sensitive fields carry no values.</summary>
public sealed record FieldChange(string Field, string? Old, string? New, bool Sensitive = false);

/// <summary>
/// The canonical form and hashes of audit events. Every field is written as
/// <c>name:length:value</c> on its own line (length in UTF-8 bytes), so no choice of values can make
/// two different events serialise alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first event.</summary>
    public static readonly string GenesisHash = new('0', 64);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    /// <summary>The digest of the event's recorded values: what may later be erased without breaking the chain.</summary>
    public static string ComputeContentDigest(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Sha256(new StringBuilder()
            .AppendField("actorName", e.ActorName)
            .AppendField("ipAddress", e.IpAddress)
            .AppendField("summary", e.Summary)
            .AppendField("changes", e.Changes));
    }

    /// <summary>The event's link: its header, its content digest and the previous event's hash.</summary>
    public static string ComputeHash(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return Sha256(new StringBuilder()
            .AppendField("sequence", e.Sequence.ToString(CultureInfo.InvariantCulture))
            .AppendField("occurredAtUtcTicks", e.OccurredAtUtc.UtcTicks.ToString(CultureInfo.InvariantCulture))
            .AppendField("actorKind", e.ActorKind.ToString())
            .AppendField("actorKey", e.ActorKey)
            .AppendField("action", e.Action)
            .AppendField("entityType", e.EntityType)
            .AppendField("entityKey", e.EntityKey)
            .AppendField("contentDigest", e.ContentDigest)
            .AppendField("previousHash", e.PreviousHash));
    }

    /// <summary>Makes <paramref name="e"/> the next link after (<paramref name="previousSequence"/>, <paramref name="previousHash"/>).</summary>
    public static void Seal(AuditEvent e, long previousSequence, string previousHash)
    {
        ArgumentNullException.ThrowIfNull(e);
        e.Sequence = previousSequence + 1;
        e.PreviousHash = previousHash;
        e.ContentDigest = ComputeContentDigest(e);
        e.Hash = ComputeHash(e);
    }

    public static string SerializeChanges(IEnumerable<FieldChange> changes) =>
        JsonSerializer.Serialize(changes.ToList(), JsonOptions);

    public static IReadOnlyList<FieldChange> DeserializeChanges(string json)
    {
        if (string.IsNullOrWhiteSpace(json) || !json.TrimStart().StartsWith('['))
        {
            return [];
        }

        return JsonSerializer.Deserialize<List<FieldChange>>(json, JsonOptions) ?? [];
    }

    public static string SerializeBulk(int count, IEnumerable<string> keys) =>
        JsonSerializer.Serialize(new { count, keys = keys.ToList() }, JsonOptions);

    /// <summary>A value as text, the same on every machine: invariant culture, round-trip dates.</summary>
    public static string? FormatValue(object? value) => value switch
    {
        null => null,
        string s => s,
        DateTimeOffset d => d.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        TimeOnly t => t.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        byte[] bytes => $"({bytes.Length} bytes)",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static StringBuilder AppendField(this StringBuilder builder, string name, string? value)
    {
        value ??= "";
        return builder.Append(name).Append(':')
            .Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':')
            .Append(value).Append('\n');
    }

    private static string Sha256(StringBuilder canonical) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
}
