using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Data;

namespace SafeguardingPortal.Features.Setup;

/// <summary>
/// Whether the first administrator exists. Once it does it stays so, and this instance stops
/// asking the database; until then every request asks (another instance may have finished setup).
/// With Entra ID sign-in there is nothing to set up.
/// </summary>
public sealed class FirstRunState(IServiceScopeFactory scopeFactory, PortalSignInMode signInMode)
{
    // With Entra ID, people come from the tenant: there is no first local administrator to create.
    private volatile bool setupComplete = signInMode.UsesEntraId;

    public async ValueTask<bool> IsSetupCompleteAsync(CancellationToken ct = default)
    {
        if (setupComplete)
        {
            return true;
        }

        await using var scope = scopeFactory.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync(ct);
        setupComplete = await db.Users.AnyAsync(ct);
        return setupComplete;
    }

    public void MarkComplete() => setupComplete = true;
}
