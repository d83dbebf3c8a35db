using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The signing page's read path, the portal's busiest public request: one compiled query checks the
/// link, and the form's content is kept per invitation (docs/decisions/0010-signing-page-speed.md).
/// </summary>
public sealed partial class ConsentSigningService
{
    /// <summary>
    /// The signing page for an invitation, given the token its cookie carries. The token and the
    /// invitation's state are checked against the database on every request, in one small query; what
    /// the form shows is built only from records that never change, so it is built once per invitation
    /// and kept in memory (every instance builds its own copy; nothing stale can be served).
    /// </summary>
    public async Task<SigningView> GetSigningViewAsync(string publicId, string? rawToken, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var hash = ConsentTokens.IsWellFormed(rawToken) ? ConsentTokens.Hash(rawToken!) : null;
        if (hash is not null && await CheckSigningLinkQuery(db, hash, publicId, ct) is { } check)
        {
            var token = new ConsentToken { Purpose = check.Purpose, InvitationId = check.InvitationId, InvalidatedAtUtc = check.InvalidatedAtUtc };
            var current = new ConsentInvitation { Id = check.InvitationId, Status = check.Status, ExpiresAtUtc = check.ExpiresAtUtc };
            if (ConsentTokens.EvaluateSigning(token, current, clock.UtcNow) == LinkState.Valid
                && await GetSigningContentAsync(db, check.InvitationId, ct) is { } content)
            {
                return new SigningView(LinkState.Valid, content.Presentation, content.OrganisationName, content.ContactName, content.ContactEmail, content.ContactPhone, null, check.ExpiresAtUtc);
            }
        }

        // Anything but a good link: find out why, audit it, and say whom to contact.
        var invitation = await db.Set<ConsentInvitation>().AsNoTracking().Include(i => i.Request).FirstOrDefaultAsync(i => i.PublicId == publicId, ct);
        var found = hash is null ? null : await db.Set<ConsentToken>().AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var state = ConsentTokens.EvaluateSigning(found, invitation, clock.UtcNow);
        if (state == LinkState.Valid)
        {
            // Only when the published version behind the request is missing (the database refuses to delete one).
            state = LinkState.Unknown;
        }

        await RefuseAsync("signing page", state, invitation, evidence, ct);
        return Refused(state, invitation);
    }

    /// <summary>The token and the state of its invitation, if the token belongs to the invitation at this address.</summary>
    private static readonly Func<PortalDbContext, byte[], string, CancellationToken, Task<SigningLinkCheck?>> CheckSigningLinkQuery =
        EF.CompileAsyncQuery((PortalDbContext db, byte[] hash, string publicId, CancellationToken ct) =>
            db.Set<ConsentToken>()
                .Where(t => t.Hash == hash)
                .Join(db.Set<ConsentInvitation>().Where(i => i.PublicId == publicId), t => t.InvitationId, i => i.Id, (t, i) =>
                    new SigningLinkCheck(t.Purpose, t.InvalidatedAtUtc, i.Id, i.Status, i.ExpiresAtUtc))
                .FirstOrDefault());

    private sealed record SigningLinkCheck(TokenPurpose Purpose, DateTimeOffset? InvalidatedAtUtc, int InvitationId, InvitationStatus Status, DateTimeOffset ExpiresAtUtc);

    /// <summary>What the form shows and whom to contact: built from the request's copy of the activity, the published version and the invitation's fixed fields.</summary>
    private sealed record SigningContent(ConsentPresentation Presentation, string OrganisationName, string ContactName, string ContactEmail, string ContactPhone);

    private async Task<SigningContent?> GetSigningContentAsync(PortalDbContext db, int invitationId, CancellationToken ct)
    {
        var key = ("consent-signing-content", invitationId);
        if (cache.TryGetValue(key, out SigningContent? cached) && cached is not null)
        {
            return cached;
        }

        var invitation = await db.Set<ConsentInvitation>().AsNoTracking().Include(i => i.Request).FirstOrDefaultAsync(i => i.Id == invitationId, ct);
        var version = invitation?.Request is null ? null : await LoadVersionAsync(db, invitation.Request.TemplateVersionId, ct);
        if (invitation?.Request is null || version is null)
        {
            return null;
        }

        var request = invitation.Request;
        var content = new SigningContent(ConsentPresentation.For(request, version, invitation), request.OrganisationName, request.ContactName, request.ContactEmail, request.ContactPhone);
        cache.Set(key, content, new MemoryCacheEntryOptions { SlidingExpiration = TimeSpan.FromMinutes(20), Size = 1 });
        return content;
    }
}
