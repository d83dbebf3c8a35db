using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>seed-demo leaves consent in every state, consistent with the rules and the audit chain.</summary>
public sealed class ConsentDemoDataTests
{
    [Fact]
    public async Task Demo_data_has_consent_requests_in_every_state_and_a_valid_audit_chain()
    {
        await using var factory = new PortalAppFactory();
        var lead = await factory.CreateUserAsync("lead.demo@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using var scope = await factory.ScopeForAsync(lead);
        var summary = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(400);
        Assert.Contains("consent invitations in every state", summary, StringComparison.Ordinal);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var now = factory.PortalTime.GetUtcNow();
        var invitations = await db.Set<ConsentInvitation>().AsNoTracking().ToListAsync();
        Assert.Contains(invitations, i => i.Status == InvitationStatus.Answered);
        Assert.Contains(invitations, i => i.Status == InvitationStatus.Revoked);
        Assert.Contains(invitations, i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now && i.OpenedAtUtc is not null);
        Assert.Contains(invitations, i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc > now && i.OpenedAtUtc is null);
        Assert.Contains(invitations, i => i.Status == InvitationStatus.Awaiting && i.ExpiresAtUtc <= now);
        Assert.Contains(invitations, i => i.SignerKind == SignerKind.Child);
        Assert.Equal(invitations.Count(i => i.Status == InvitationStatus.Answered), await db.Set<ConsentSignature>().CountAsync());
        Assert.True(await db.Set<ConsentWithdrawal>().AnyAsync(w => w.AcknowledgedAtUtc == null));
        Assert.True(await db.Set<ConsentWithdrawal>().AnyAsync(w => w.AcknowledgedAtUtc != null));
        Assert.Empty(await db.Set<ConsentToken>().ToListAsync());

        var requests = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
        var activityId = await db.Set<ConsentRequest>().Select(r => r.ActivityId).FirstAsync();
        var grid = await requests.GridAsync(activityId, ConsentAudience.Children);
        Assert.Contains(ConsentItemKind.PhotosShared, grid.Kinds);
        Assert.NotEmpty(grid.Rows);
        Assert.Contains(await requests.WithdrawalsAsync(openOnly: true), w => w.AcknowledgedAtUtc is null);
        Assert.True((await factory.VerifyAsync()).Intact);
    }
}
