using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Identity;

public static class UserScopes
{
    /// <summary>
    /// A service scope whose services see <paramref name="user"/> as the signed-in user, with their
    /// roles as Identity builds them at sign-in, so a feature service answers exactly as it would on
    /// their own page (for work done on someone's behalf outside a request, e.g. their weekly digest).
    /// Changes made in it are attributed to <paramref name="actor"/>, not to the user.
    /// </summary>
    public static async Task<AsyncServiceScope> CreateScopeSeeingAsAsync(this IServiceScopeFactory scopeFactory, PortalUser user, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(scopeFactory);
        var scope = scopeFactory.CreateScopeActingAs(actor);
        try
        {
            var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(user);
            var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
            provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
            return scope;
        }
        catch
        {
            await scope.DisposeAsync();
            throw;
        }
    }
}
