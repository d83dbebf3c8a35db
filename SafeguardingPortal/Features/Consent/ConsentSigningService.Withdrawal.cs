using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;

namespace SafeguardingPortal.Features.Consent;

/// <summary>The public withdrawal link: it works for withdrawing only, for as long as something given remains.</summary>
public sealed partial class ConsentSigningService
{
    /// <summary>Checks an e-mailed withdrawal link; it stays usable for further withdrawals.</summary>
    public async Task<LinkOutcome> OpenWithdrawalLinkAsync(string? rawToken, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (token, invitation) = await FindAsync(db, rawToken, ct, track: false);
        var state = ConsentTokens.EvaluateWithdrawal(token);
        if (state != LinkState.Valid)
        {
            await RefuseAsync("withdrawal link", state, invitation, evidence, ct);
            return new LinkOutcome(state, null);
        }

        return new LinkOutcome(LinkState.Valid, invitation!.PublicId);
    }

    public async Task<WithdrawalView?> GetWithdrawalViewAsync(string publicId, string? rawToken, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (token, invitation) = await FindAsync(db, rawToken, ct, track: false);
        var state = invitation?.PublicId == publicId ? ConsentTokens.EvaluateWithdrawal(token) : LinkState.Unknown;
        if (state != LinkState.Valid)
        {
            await RefuseAsync("withdrawal page", state, invitation?.PublicId == publicId ? invitation : null, evidence, ct);
            return new WithdrawalView(state, "", "", "", "", "", default, [], "", "", "");
        }

        var signature = await db.Set<ConsentSignature>().AsNoTracking().Include(s => s.Answers).FirstAsync(s => s.Id == token!.SignatureId, ct);
        var request = await db.Set<ConsentRequest>().AsNoTracking().FirstAsync(r => r.Id == invitation!.RequestId, ct);
        var withdrawn = await ConsentRequestService.WithdrawnAnswerIdsAsync(db, signature, ct);
        return new WithdrawalView(LinkState.Valid, signature.Reference, request.OrganisationName, request.ActivityTitle, signature.SubjectName, signature.SignerName, signature.SignedAtUtc,
            [.. signature.Answers.OrderBy(a => a.TemplateItemId).Select(a => new AnswerSummary(a.Id, a.Kind, a.Label, a.Given, withdrawn.Contains(a.Id)))],
            request.ContactName, request.ContactEmail, request.ContactPhone);
    }

    /// <summary>Withdraws the chosen given answers (all of them when none are chosen).</summary>
    public async Task<WithdrawOutcome> WithdrawAsync(string publicId, string? rawToken, IReadOnlyCollection<int> answerIds, bool everything, string withdrawnByName, string reason, LinkEvidence evidence, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(answerIds);
        ArgumentNullException.ThrowIfNull(evidence);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (token, invitation) = await FindAsync(db, rawToken, ct, track: false);
        var state = invitation?.PublicId == publicId ? ConsentTokens.EvaluateWithdrawal(token) : LinkState.Unknown;
        if (state != LinkState.Valid)
        {
            await RefuseAsync("withdrawal form", state, invitation?.PublicId == publicId ? invitation : null, evidence, ct);
            return new WithdrawOutcome(state, new Dictionary<string, string>(), null, "");
        }

        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(withdrawnByName) || withdrawnByName.Trim().Length < 2)
        {
            errors["WithdrawnByName"] = "Type your full name.";
        }

        if (!everything && answerIds.Count == 0)
        {
            errors["Items"] = "Choose what you want to withdraw, or choose “Withdraw everything”.";
        }

        if (errors.Count > 0)
        {
            return new WithdrawOutcome(LinkState.Valid, errors, null, "");
        }

        var signature = await db.Set<ConsentSignature>().Include(s => s.Answers).FirstAsync(s => s.Id == token!.SignatureId, ct);
        var now = clock.UtcNow;
        db.AuditActor = LinkActor(invitation!, evidence);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            var withdrawal = await ConsentWithdrawals.CreateAsync(db, documents, "", signature, everything ? [] : answerIds, WithdrawalMethod.Link, withdrawnByName, reason, "", evidence.IpAddress, evidence.UserAgent, now, now, ct);
            await transaction.CommitAsync(ct);
            deliverySignal.Notify();
            return new WithdrawOutcome(LinkState.Valid, new Dictionary<string, string>(), withdrawal.Reference, withdrawal.Items);
        }
        catch (Infrastructure.Validation.PortalValidationException ex)
        {
            // A second post of the same form (a double click, a reload) finds its withdrawal already made: report that one.
            if (await RecentLinkWithdrawalCoveringAsync(db, signature.Id, everything ? [] : answerIds, now, ct) is { } earlier)
            {
                return new WithdrawOutcome(LinkState.Valid, new Dictionary<string, string>(), earlier.Reference, earlier.Items, AlreadyRecorded: true);
            }

            return new WithdrawOutcome(LinkState.Valid, new Dictionary<string, string> { ["Items"] = ex.Message }, null, "");
        }
    }

    /// <summary>How long after a withdrawal through the link the same post again is taken as a repeat rather than a new request.</summary>
    public static readonly TimeSpan RepeatedPostWindow = TimeSpan.FromMinutes(15);

    /// <summary>
    /// The signature's latest withdrawal, when it was made through the link in the last few minutes and
    /// already covers every chosen answer: the same post again. For "everything" it must be the one that
    /// left nothing given (the latest of all, by any means, so a phone call recorded since is not hidden).
    /// </summary>
    private static async Task<ConsentWithdrawal?> RecentLinkWithdrawalCoveringAsync(PortalDbContext db, int signatureId, IReadOnlyCollection<int> answerIds, DateTimeOffset now, CancellationToken ct)
    {
        var latest = await db.Set<ConsentWithdrawal>().AsNoTracking().Include(w => w.Answers)
            .Where(w => w.SignatureId == signatureId)
            .OrderByDescending(w => w.Id)
            .FirstOrDefaultAsync(ct);
        return latest is { Method: WithdrawalMethod.Link } && latest.WithdrawnAtUtc >= now - RepeatedPostWindow
            && answerIds.All(id => latest.Answers.Any(a => a.AnswerId == id))
            ? latest
            : null;
    }
}
