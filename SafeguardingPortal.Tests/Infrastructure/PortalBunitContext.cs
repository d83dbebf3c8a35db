using Bunit;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure;

/// <summary>
/// bUnit over the real services and a real SQLite file: the component's services come from a portal
/// scope acting as a user of the given role, exactly as in a circuit.
/// </summary>
public abstract class PortalBunitContext : BunitContext, IAsyncLifetime
{
    private AsyncServiceScope scope;

    /// <summary>
    /// Components here load from a real database. On PostgreSQL (truly asynchronous I/O) on a loaded 2-core
    /// machine a page can take more renders and more than bUnit's default second to settle.
    /// </summary>
    static PortalBunitContext() => DefaultWaitTimeout = TimeSpan.FromSeconds(10);

    protected PortalAppFactory Portal { get; } = new();

    protected PortalUser User { get; private set; } = default!;

    protected IServiceProvider PortalServices => scope.ServiceProvider;

    public virtual ValueTask InitializeAsync() => ValueTask.CompletedTask;

    /// <summary>
    /// Waits until something the component does after rendering (an audited view, a save) shows in the
    /// database. Awaits between checks: blocking on the database inside the renderer's WaitForAssertion
    /// deadlocks where the driver is truly asynchronous (Npgsql).
    /// </summary>
    protected static async Task EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Still not true after 10 seconds: {what}.");
            await Task.Delay(20, Xunit.TestContext.Current.CancellationToken);
        }
    }

    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        await scope.DisposeAsync();
        await Portal.DisposeAsync();
        await DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Registers the portal's services in bUnit's container, acting as a new user with <paramref name="role"/>.</summary>
    protected async Task UsePortalAsAsync(string role, params Type[] services)
    {
        User = await Portal.CreateUserAsync($"{role.ToLowerInvariant()}.bunit@example.org", $"Test {role}", role);
        scope = await Portal.ScopeForAsync(User);
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<CurrentUser>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<AuditTrail>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IAuthorizationService>());
        Services.AddSingleton(scope.ServiceProvider.GetRequiredService<PortalClock>());
        foreach (var service in services)
        {
            Services.AddScoped(service);
        }
    }
}
