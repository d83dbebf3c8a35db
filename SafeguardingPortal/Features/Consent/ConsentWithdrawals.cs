using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// What every withdrawal does, however it arrives (link, phone, letter): one withdrawal record beside
/// the untouched signature, the withdrawn answers marked, a confirmation to the signer and a notice to
/// the safeguarding leads, who must acknowledge it.
/// </summary>
internal static class ConsentWithdrawals
{
    private const string ReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static async Task<ConsentWithdrawal> CreateAsync(
        PortalDbContext db,
        DocumentIssuer documents,
        string organisationName,
        ConsentSignature signature,
        IReadOnlyCollection<int> answerIds,
        WithdrawalMethod method,
        string withdrawnByName,
        string reason,
        string recordedBy,
        string ipAddress,
        string userAgent,
        DateTimeOffset withdrawnAt,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var answerIdsOfSignature = signature.Answers.Select(a => a.Id).ToList();
        var alreadyWithdrawn = await db.Set<ConsentWithdrawalItem>().Where(i => answerIdsOfSignature.Contains(i.AnswerId)).Select(i => i.AnswerId).ToListAsync(ct);
        var open = signature.Answers.Where(a => a.Given && !alreadyWithdrawn.Contains(a.Id)).ToList();
        if (open.Count == 0)
        {
            throw new PortalValidationException("", "Everything given on this form has already been withdrawn.");
        }

        var chosen = answerIds.Count == 0 ? open : open.Where(a => answerIds.Contains(a.Id)).ToList();
        if (chosen.Count == 0 || (answerIds.Count > 0 && chosen.Count != answerIds.Distinct().Count()))
        {
            throw new PortalValidationException(nameof(RecordWithdrawalModel.AnswerIds), "Choose at least one item that is currently given.");
        }

        var withdrawal = new ConsentWithdrawal
        {
            Reference = NewReference("W"),
            SignatureId = signature.Id,
            Method = method,
            WithdrawnByName = Clip(withdrawnByName, 200),
            WithdrawnAtUtc = withdrawnAt,
            Reason = Clip(reason, 1000),
            RecordedBy = recordedBy,
            IpAddress = Clip(ipAddress, 64),
            UserAgent = Clip(userAgent, 512),
            Items = Clip(string.Join(", ", chosen.OrderBy(a => a.Id).Select(a => a.Label)), 400),
            Version = Guid.NewGuid(),
            Answers = [.. chosen.Select(a => new ConsentWithdrawalItem { AnswerId = a.Id })],
        };
        db.Add(withdrawal);
        await db.SaveChangesAsync(ct);

        // Recordings that include this person must go: their disposal tasks are raised in this same transaction.
        if (chosen.Any(a => Recordings.RecordingRules.AffectsRecordings(a.Kind)))
        {
            await Recordings.RecordingService.RaiseForLostConsentAsync(db, signature.ActivityId, signature.ChildId, signature.StaffMemberId, withdrawal.Reference,
                Recordings.DisposalReason.ConsentWithdrawn, DateOnly.FromDateTime(Components.Shared.UkDateFormatting.ToUkTime(now).DateTime), now, ct);
        }

        // Its receipt is issued with it, attached to the signer's confirmation and shown to staff beside the original.
        await ConsentDocuments.IssueReceiptAsync(db, documents, signature, withdrawal, organisationName, now, ct);

        if (!string.IsNullOrWhiteSpace(signature.SignerEmail))
        {
            EmailDispatcher.Enqueue(db, ConsentEmailKinds.WithdrawalConfirmation, withdrawal.Id, signature.SignerEmail, signature.SignerName, now);
        }

        foreach (var (address, name) in await LeadAddressesAsync(db, ct))
        {
            EmailDispatcher.Enqueue(db, ConsentEmailKinds.WithdrawalNotice, withdrawal.Id, address, name, now);
        }

        await db.SaveChangesAsync(ct);
        return withdrawal;
    }

    /// <summary>Every enabled safeguarding lead's address, and the organisation's safeguarding contact.</summary>
    public static async Task<IReadOnlyList<(string Address, string Name)>> LeadAddressesAsync(PortalDbContext db, CancellationToken ct)
    {
        var leads = await (
            from role in db.Roles
            where role.Name == PortalRoles.SafeguardingLead
            join userRole in db.UserRoles on role.Id equals userRole.RoleId
            join user in db.Users on userRole.UserId equals user.Id
            where !user.IsDisabled && user.Email != null
            select new { user.Email, user.DisplayName }).ToListAsync(ct);
        var result = leads.Select(l => (Address: l.Email!, Name: l.DisplayName)).ToList();
        var contact = await db.OrganisationSettings.AsNoTracking().Select(s => new { s.SafeguardingLeadEmail, s.SafeguardingLeadName }).FirstOrDefaultAsync(ct);
        if (contact is { SafeguardingLeadEmail.Length: > 0 } && OrganisationSettingsValidator.IsEmail(contact.SafeguardingLeadEmail))
        {
            result.Add((contact.SafeguardingLeadEmail, contact.SafeguardingLeadName));
        }

        return [.. result.DistinctBy(r => r.Address.ToUpperInvariant())];
    }

    /// <summary>A reference people can read out on the phone, e.g. "C-7K3M-9QXD" (no 0/O, 1/I/L).</summary>
    public static string NewReference(string prefix)
    {
        Span<char> chars = stackalloc char[8];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = ReferenceAlphabet[RandomNumberGenerator.GetInt32(ReferenceAlphabet.Length)];
        }

        return $"{prefix}-{chars[..4]}-{chars[4..]}";
    }

    /// <summary>The name a person is shown by in records: their display name, else their sign-in name.</summary>
    public static string ActorName(System.Security.Claims.ClaimsPrincipal principal) =>
        principal.FindFirst(PortalUserClaimsPrincipalFactory.DisplayNameClaimType)?.Value ?? principal.Identity?.Name ?? "";

    public static string Clip(string? value, int max)
    {
        var trimmed = (value ?? "").Trim();
        return trimmed.Length > max ? trimmed[..max] : trimmed;
    }
}
