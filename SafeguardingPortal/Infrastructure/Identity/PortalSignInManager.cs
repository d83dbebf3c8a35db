using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager, refusing disabled users (sign-in answers "not allowed") and writing
/// every sign-in, failed sign-in, lock-out and sign-out to the audit trail.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<PortalUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<PortalUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<PortalUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<PortalUser> confirmation,
    AuditTrail auditTrail)
    : SignInManager<PortalUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(PortalUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return !user.IsDisabled && await base.CanSignInAsync(user);
    }

    public override async Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure)
    {
        var user = await UserManager.FindByNameAsync(userName);
        var result = await base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure);
        if (result.IsNotAllowed && user is not null && !await UserManager.CheckPasswordAsync(user, password))
        {
            // Identity checks "allowed" before the password: say "disabled" only to someone who knows it.
            result = SignInResult.Failed;
        }

        var address = Context.Connection.RemoteIpAddress;
        var attempted = AuditText.Neutralise(userName);

        if (result.Succeeded && user is not null)
        {
            var actor = new AuditActor(AuditActorKind.User, user.Id, user.UserName ?? attempted, AuditActor.Anonymous(address).IpAddress);
            await auditTrail.RecordAsync(AuditActions.SignedIn, $"{user.UserName} signed in", "PortalUser", user.Id, actor);
        }
        else if (result.IsLockedOut)
        {
            await auditTrail.RecordAsync(AuditActions.LockedOut, $"Sign-in refused: the account {attempted} is locked out", "PortalUser", user?.Id ?? "", AuditActor.Anonymous(address));
        }
        else
        {
            var reason = user is null ? "no such account" : result.IsNotAllowed ? "the account is disabled" : "wrong password";
            await auditTrail.RecordAsync(AuditActions.SignInFailed, $"Failed sign-in as {attempted}: {reason}", "PortalUser", user?.Id ?? "", AuditActor.Anonymous(address));
        }

        return result;
    }

    public override async Task SignOutAsync()
    {
        var actor = AuditActor.FromPrincipal(Context.User, Context.Connection.RemoteIpAddress);
        await base.SignOutAsync();
        if (actor.Kind == AuditActorKind.User)
        {
            await auditTrail.RecordAsync(AuditActions.SignedOut, $"{actor.Name} signed out", "PortalUser", actor.Key, actor);
        }
    }
}
