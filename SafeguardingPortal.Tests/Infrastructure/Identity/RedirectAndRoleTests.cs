using SafeguardingPortal.Components.Account;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure.Identity;

public sealed class RedirectAndRoleTests
{
    [Theory]
    [InlineData("/admin/users", "/admin/users")]
    [InlineData("/children?page=2", "/children?page=2")]
    [InlineData(null, "/")]
    [InlineData("", "/")]
    [InlineData("https://evil.example.com/", "/")]
    [InlineData("//evil.example.com/", "/")]
    [InlineData("/\\evil.example.com", "/")]
    [InlineData("javascript:alert(1)", "/")]
    public void Return_addresses_never_leave_the_portal(string? requested, string expected)
    {
        Assert.Equal(expected, IdentityRedirectManager.SafeLocalPath(requested));
    }

    [Theory]
    [InlineData("administrator", PortalRoles.Administrator)]
    [InlineData(" SAFEGUARDINGLEAD ", PortalRoles.SafeguardingLead)]
    [InlineData("Auditor", PortalRoles.Auditor)]
    [InlineData("Owner", null)]
    [InlineData(null, null)]
    public void Role_names_are_recognised_without_regard_to_case(string? value, string? expected)
    {
        Assert.Equal(expected, PortalRoles.Canonical(value));
    }
}
