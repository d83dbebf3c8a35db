using System.Net;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

[Collection(SharedPortalCollection.Name)]
public sealed class SecurityHeadersTests(SharedPortal portal)
{
    [Theory]
    [InlineData("/Account/Login")]
    [InlineData("/healthz")]
    [InlineData("/no-such-page")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var response = await portal.Factory.CreateBrowserlessClient().GetAsync(path);

        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", csp, StringComparison.Ordinal);
        Assert.Contains("object-src 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_sign_in_form_is_protected_by_antiforgery()
    {
        var client = portal.Factory.CreateBrowserlessClient();
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Email"] = SharedPortal.EmailFor("Staff"),
            ["Input.Password"] = PortalAppFactory.TestPassword,
        };

        var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies.Where(c => c.StartsWith("SafeguardingPortal.Auth", StringComparison.Ordinal)) : []);
    }

    [Fact]
    public async Task An_unknown_page_shows_the_friendly_404()
    {
        var response = await portal.Factory.CreateBrowserlessClient().GetAsync("/no-such-page");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We cannot find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_posts_from_one_address_are_limited_per_minute_with_a_clear_message()
    {
        await using var factory = new PortalAppFactory(new Dictionary<string, string?> { ["RateLimiting:SignInAttemptsPerMinute"] = "3" });
        await factory.CreateUserAsync("limited@example.org", "Limited", "Staff");
        var client = factory.CreateBrowserlessClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.SignInAsync("limited@example.org", "wrong password guess")).StatusCode);
        }

        var fourth = await client.SignInAsync("limited@example.org");

        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.Equal("Too many requests from this address. Wait a minute, then try again.", await fourth.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/Account/Login")).StatusCode);
    }
}
