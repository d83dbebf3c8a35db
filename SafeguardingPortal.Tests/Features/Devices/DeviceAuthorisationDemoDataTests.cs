using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.Devices;

/// <summary>seed-demo leaves personal-device authorisations in every state the register shows, each approval with its record.</summary>
public sealed class DeviceAuthorisationDemoDataTests
{
    [Fact]
    public async Task Demo_data_has_an_authorisation_in_every_state_and_a_valid_audit_chain()
    {
        await using var factory = new PortalAppFactory();
        var auditor = await factory.CreateUserAsync("auditor.demo@example.org", "Aud Itor", PortalRoles.Auditor);
        await using (var seeding = factory.Services.CreateAsyncScope())
        {
            var summary = await seeding.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync(30);
            Assert.Contains("8 personal-device authorisations in every state", summary, StringComparison.Ordinal);
        }

        await using var scope = await factory.ScopeForAsync(auditor);
        var rows = (await scope.ServiceProvider.GetRequiredService<DeviceAuthorisationService>().ListAsync(new DeviceAuthorisationQuery { PageSize = 100 })).Rows;

        Assert.Equal(Enum.GetValues<DeviceAuthorisationState>().Order(), rows.Select(r => r.State).Distinct().Order());
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var approved = await db.DeviceAuthorisations.CountAsync(a => a.Decision == DeviceDecision.Approved || a.Decision == DeviceDecision.Revoked);
        Assert.Equal(approved, await db.IssuedDocuments.CountAsync(d => d.Kind == DocumentKind.DeviceAuthorisation));
        Assert.True(await db.DeviceAuthorisations.AnyAsync(a => a.RenewalOfId != null && a.Decision == DeviceDecision.Requested));
        Assert.True((await factory.VerifyAsync()).Intact);
    }
}
