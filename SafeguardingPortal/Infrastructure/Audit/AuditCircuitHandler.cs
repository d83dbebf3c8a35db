using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>
/// Captures who is using a circuit and from which address once, when the circuit opens (the
/// connection's request is still at hand then), and follows later changes of the signed-in user.
/// </summary>
internal sealed class AuditCircuitHandler(
    AuditContext audit,
    AuthenticationStateProvider authenticationStateProvider,
    IHttpContextAccessor httpContextAccessor) : CircuitHandler, IDisposable
{
    private System.Net.IPAddress? address;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        address = httpContextAccessor.HttpContext?.Connection.RemoteIpAddress;
        var state = await authenticationStateProvider.GetAuthenticationStateAsync();
        audit.Set(AuditActor.FromPrincipal(state.User, address));
        authenticationStateProvider.AuthenticationStateChanged += OnAuthenticationStateChanged;
    }

    private async void OnAuthenticationStateChanged(Task<AuthenticationState> task)
    {
        try
        {
            var state = await task;
            audit.Set(AuditActor.FromPrincipal(state.User, address));
        }
        catch (InvalidOperationException)
        {
            audit.Set(AuditActor.Anonymous(address));
        }
    }

    public void Dispose() => authenticationStateProvider.AuthenticationStateChanged -= OnAuthenticationStateChanged;
}

/// <summary>Fills the request's audit context from the signed-in user and the connection's address.</summary>
internal sealed class AuditContextMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context, AuditContext audit)
    {
        audit.Set(AuditActor.FromPrincipal(context.User, context.Connection.RemoteIpAddress));
        return next(context);
    }
}
