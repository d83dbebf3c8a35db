using System.Net;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Outbox;

/// <summary>The outbox page through the real pipeline with real sign-in cookies.</summary>
[Collection(SharedPortalCollection.Name)]
public sealed class OutboxAccessTests(SharedPortal portal)
{
    public static TheoryData<string> Roles() => [.. PortalRoles.All];

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Only_administrators_reach_the_outbox(string role)
    {
        var client = portal.Factory.CreateBrowserlessClient();
        await client.SignInAsync(SharedPortal.EmailFor(role));

        var response = await client.GetAsync("/admin/outbox");

        if (role == PortalRoles.Administrator)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("No SMTP server is configured, so the portal writes every e-mail here instead of sending it.",
                await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.StartsWith("/Account/AccessDenied", response.RedirectTarget(), StringComparison.Ordinal);
        }
    }
}
