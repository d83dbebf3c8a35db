using System.Security.Cryptography;
using System.Text;
using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>The token rules: 256 random bits, stored as SHA-256, and when a link stops working.</summary>
public sealed class ConsentTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Tokens_carry_256_random_bits_and_only_their_sha256_is_kept()
    {
        var tokens = Enumerable.Range(0, 200).Select(_ => ConsentTokens.Create()).ToList();
        Assert.All(tokens, t =>
        {
            Assert.Equal(ConsentTokens.EncodedLength, t.Raw.Length);
            Assert.True(ConsentTokens.IsWellFormed(t.Raw));
            Assert.Equal(32, System.Buffers.Text.Base64Url.DecodeFromChars(t.Raw).Length);
            Assert.Equal(SHA256.HashData(Encoding.ASCII.GetBytes(t.Raw)), t.Hash);
        });
        Assert.Equal(tokens.Count, tokens.Select(t => t.Raw).Distinct().Count());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("../../../../etc/passwd-aaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa=")]
    public void Malformed_tokens_are_refused_before_any_lookup(string? raw) => Assert.False(ConsentTokens.IsWellFormed(raw));

    [Fact]
    public void A_signing_link_works_until_expiry_answer_revocation_or_replacement()
    {
        var invitation = new ConsentInvitation { Id = 7, Status = InvitationStatus.Awaiting, ExpiresAtUtc = Now.AddDays(1) };
        var token = new ConsentToken { InvitationId = 7, Purpose = TokenPurpose.Sign };

        Assert.Equal(LinkState.Valid, ConsentTokens.EvaluateSigning(token, invitation, Now));
        Assert.Equal(LinkState.Expired, ConsentTokens.EvaluateSigning(token, invitation, Now.AddDays(1)));
        Assert.Equal(LinkState.Unknown, ConsentTokens.EvaluateSigning(null, invitation, Now));
        Assert.Equal(LinkState.Unknown, ConsentTokens.EvaluateSigning(new ConsentToken { InvitationId = 8, Purpose = TokenPurpose.Sign }, invitation, Now));
        Assert.Equal(LinkState.Unknown, ConsentTokens.EvaluateSigning(new ConsentToken { InvitationId = 7, Purpose = TokenPurpose.Withdraw }, invitation, Now));
        Assert.Equal(LinkState.Replaced, ConsentTokens.EvaluateSigning(new ConsentToken { InvitationId = 7, Purpose = TokenPurpose.Sign, InvalidatedAtUtc = Now }, invitation, Now));

        invitation.Status = InvitationStatus.Answered;
        Assert.Equal(LinkState.Used, ConsentTokens.EvaluateSigning(token, invitation, Now));
        invitation.Status = InvitationStatus.Revoked;
        Assert.Equal(LinkState.Revoked, ConsentTokens.EvaluateSigning(token, invitation, Now));
    }

    [Fact]
    public void A_withdrawal_link_works_only_for_withdrawing()
    {
        Assert.Equal(LinkState.Valid, ConsentTokens.EvaluateWithdrawal(new ConsentToken { Purpose = TokenPurpose.Withdraw, SignatureId = 3 }));
        Assert.Equal(LinkState.Unknown, ConsentTokens.EvaluateWithdrawal(new ConsentToken { Purpose = TokenPurpose.Sign, SignatureId = 3 }));
        Assert.Equal(LinkState.Unknown, ConsentTokens.EvaluateWithdrawal(new ConsentToken { Purpose = TokenPurpose.Withdraw }));
        Assert.Equal(LinkState.Replaced, ConsentTokens.EvaluateWithdrawal(new ConsentToken { Purpose = TokenPurpose.Withdraw, SignatureId = 3, InvalidatedAtUtc = Now }));
    }
}
