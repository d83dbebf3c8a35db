using System.Data.Common;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Pdf;
using SafeguardingPortal.Tests.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Features.Documents;

/// <summary>Issuing: rendered, sealed, hashed and stored in the caller's transaction; then never changed.</summary>
public sealed class DocumentIssuerTests(DocumentsPortal portal) : IClassFixture<DocumentsPortal>
{
    [Fact]
    public async Task Issuing_joins_the_callers_transaction_and_rolls_back_with_it()
    {
        var reference = DocumentsPortal.NewReference("C");
        await using (var db = await portal.CreateDbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            portal.Issuer.IssueConsentRecord(db, 7, SampleDocuments.Consent(reference), DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();
        }

        await using var check = await portal.CreateDbAsync();
        Assert.False(await check.IssuedDocuments.AnyAsync(d => d.Reference == reference));
    }

    [Fact]
    public async Task The_stored_bytes_are_the_issued_sealed_pdf_with_their_hash()
    {
        var issuedAt = new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero);
        var reference = DocumentsPortal.NewReference("C");
        int id;
        await using (var db = await portal.CreateDbAsync())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            var issued = portal.Issuer.IssueConsentRecord(db, 42, SampleDocuments.Consent(reference), issuedAt);
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
            id = issued.Id;
        }

        await using var read = await portal.CreateDbAsync();
        var stored = await read.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == id);
        Assert.Equal((reference, DocumentKind.ConsentRecord, 42, $"consent-{reference}.pdf"), (stored.Reference, stored.Kind, stored.RelatedId, stored.FileName));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(stored.Bytes)), stored.Sha256);
        Assert.Equal(stored.Bytes.LongLength, stored.Length);
        Assert.Equal(issuedAt, stored.IssuedAtUtc);
        Assert.True(stored.Sealed);
        Assert.Equal(PdfSealInspector.Inspect(stored.Bytes).SignerThumbprint, stored.SealThumbprint);
        Assert.Equal(reference, PdfTestKit.InfoEntry(stored.Bytes, "PortalReference"));
        Assert.Contains("digitally sealed by Hilltop Swimming Club", PdfTestKit.AllText(stored.Bytes), StringComparison.Ordinal);

        Assert.Equal(stored.Bytes, (await read.IssuedDocuments.ForAsync(DocumentKind.ConsentRecord, 42))?.Bytes);
        Assert.Equal(id, (await read.IssuedDocuments.ByReferenceAsync(reference))?.Id);
        Assert.Null(await read.IssuedDocuments.ForAsync(DocumentKind.WithdrawalReceipt, 42));
    }

    [Fact]
    public async Task The_database_refuses_to_change_or_delete_an_issued_document()
    {
        var issued = await portal.IssueConsentAsync();
        await using var db = await portal.CreateDbAsync();

        var update = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"UPDATE \"IssuedDocuments\" SET \"FileName\" = 'changed.pdf' WHERE \"Id\" = {issued.Id}"));
        Assert.Contains("issued documents cannot be changed", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => db.Database.ExecuteSqlAsync($"DELETE FROM \"IssuedDocuments\" WHERE \"Id\" = {issued.Id}"));
        Assert.Contains("issued documents cannot be deleted", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Issuing_is_audited_with_reference_and_hash_but_not_the_file()
    {
        var issued = await portal.IssueConsentAsync();
        await using var db = await portal.CreateDbAsync();
        var created = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(IssuedDocument) && e.EntityKey == issued.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .SingleAsync();

        Assert.Equal("Created", created.Action);
        Assert.Contains(issued.Reference, created.Changes, StringComparison.Ordinal);
        Assert.Contains(issued.Sha256, created.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain("Bytes", created.Changes, StringComparison.Ordinal);
        Assert.True(created.Changes.Length < 2000, $"{created.Changes.Length} characters");
    }

    [Fact]
    public async Task A_reference_is_issued_once()
    {
        var issued = await portal.IssueConsentAsync();
        await using var db = await portal.CreateDbAsync();
        portal.Issuer.IssueConsentRecord(db, 1, SampleDocuments.Consent(issued.Reference), DateTimeOffset.UtcNow);
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_withdrawal_receipt_is_issued_under_the_withdrawal_reference()
    {
        var reference = DocumentsPortal.NewReference("W");
        await using var db = await portal.CreateDbAsync();
        var issued = portal.Issuer.IssueWithdrawalReceipt(db, 5, SampleDocuments.Withdrawal(reference), DateTimeOffset.UtcNow);
        await db.SaveChangesAsync();

        Assert.Equal(DocumentKind.WithdrawalReceipt, issued.Kind);
        Assert.Equal($"withdrawal-{reference}.pdf", issued.FileName);
        Assert.Equal(SealStatus.Valid, PdfSealInspector.Inspect(issued.Bytes).Status);
        Assert.Contains("Withdrawal of consent: receipt", PdfTestKit.AllText(issued.Bytes), StringComparison.Ordinal);
    }
}
