using System.Buffers.Text;
using System.Security.Cryptography;

namespace SafeguardingPortal.Features.Consent;

/// <summary>What a link's token turned out to be when someone used it.</summary>
public enum LinkState
{
    Valid,

    /// <summary>No token with this hash exists (mistyped, made up, or from another portal).</summary>
    Unknown,

    /// <summary>The invitation's time ran out before it was answered.</summary>
    Expired,

    /// <summary>The invitation has been answered; its signing links are spent.</summary>
    Used,

    /// <summary>Staff withdrew the invitation.</summary>
    Revoked,

    /// <summary>Staff sent the invitation again; links from earlier e-mails stopped working.</summary>
    Replaced,
}

/// <summary>
/// The token rules. A token is 256 random bits from the operating system's cryptographic generator,
/// written base64url (43 characters); only its SHA-256 is stored.
/// </summary>
public static class ConsentTokens
{
    public const int TokenBytes = 32;
    public const int EncodedLength = 43;

    public static (string Raw, byte[] Hash) Create()
    {
        Span<byte> bytes = stackalloc byte[TokenBytes];
        RandomNumberGenerator.Fill(bytes);
        var raw = Base64Url.EncodeToString(bytes);
        return (raw, Hash(raw));
    }

    public static byte[] Hash(string raw) => SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(raw));

    /// <summary>Exactly the shape <see cref="Create"/> produces; anything else is refused before the database is asked.</summary>
    public static bool IsWellFormed(string? raw) =>
        raw is { Length: EncodedLength } && raw.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The state of a signing token for its invitation at <paramref name="now"/>.</summary>
    public static LinkState EvaluateSigning(ConsentToken? token, ConsentInvitation? invitation, DateTimeOffset now)
    {
        if (token is null || invitation is null || token.Purpose != TokenPurpose.Sign || token.InvitationId != invitation.Id)
        {
            return LinkState.Unknown;
        }

        return invitation.Status switch
        {
            InvitationStatus.Revoked => LinkState.Revoked,
            InvitationStatus.Answered => LinkState.Used,
            _ when token.InvalidatedAtUtc is not null => LinkState.Replaced,
            _ when now >= invitation.ExpiresAtUtc => LinkState.Expired,
            _ => LinkState.Valid,
        };
    }

    /// <summary>The state of a withdrawal token: it works, for withdrawing only, until replaced.</summary>
    public static LinkState EvaluateWithdrawal(ConsentToken? token)
    {
        if (token is null || token.Purpose != TokenPurpose.Withdraw || token.SignatureId is null)
        {
            return LinkState.Unknown;
        }

        return token.InvalidatedAtUtc is null ? LinkState.Valid : LinkState.Replaced;
    }

    /// <summary>A new random identifier for a signing page's address (128 bits, hex).</summary>
    public static string NewPublicId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}
