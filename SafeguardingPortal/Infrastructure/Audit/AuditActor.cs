using System.Net;
using System.Security.Claims;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Infrastructure.Audit;

public enum AuditActorKind
{
    Anonymous,
    User,

    /// <summary>A parent, carer or child acting through an e-mailed signing link (used by the consent feature).</summary>
    SigningLink,
    System,
}

/// <summary>Who did something and from where, as the server saw it.</summary>
public sealed record AuditActor(AuditActorKind Kind, string Key, string Name, string IpAddress)
{
    public static AuditActor System { get; } = new(AuditActorKind.System, "", "system", "");

    public static AuditActor Anonymous(IPAddress? ip) => new(AuditActorKind.Anonymous, "", "anonymous", Format(ip));

    public static AuditActor FromPrincipal(ClaimsPrincipal? principal, IPAddress? ip)
    {
        var key = principal is null ? null : CurrentUser.UserKeyOf(principal);
        if (key is null)
        {
            return Anonymous(ip);
        }

        var name = principal!.Identity?.Name
            ?? principal.FindFirst(PortalUserClaimsPrincipalFactory.DisplayNameClaimType)?.Value
            ?? key;
        return new AuditActor(AuditActorKind.User, key, name, Format(ip));
    }

    private static string Format(IPAddress? ip) =>
        ip is null ? "" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString();
}

/// <summary>
/// The acting user and client address for one request or one circuit. A static request fills it from
/// the request; a circuit fills it once when it opens (see <see cref="AuditCircuitHandler"/>). Every
/// database context a service creates is stamped with it.
/// </summary>
public sealed class AuditContext
{
    private AuditActor? actor;

    public AuditActor Actor => actor ?? AuditActor.Anonymous(null);

    public bool IsSet => actor is not null;

    public void Set(AuditActor value) => actor = value;
}
