using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

public sealed class HardeningTests
{
    [Fact]
    public async Task A_sign_in_survives_a_restart_because_the_data_protection_keys_are_in_the_database()
    {
        var folder = Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        try
        {
            string cookie;
            await using (var first = new PortalAppFactory(dataDirectory: folder))
            {
                await first.CreateUserAsync("restart@example.org", "Restart Test", PortalRoles.Staff);
                var signIn = await first.CreateBrowserlessClient().SignInAsync("restart@example.org");
                cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("SafeguardingPortal.Auth=", StringComparison.Ordinal)).Split(';')[0];
            }

            await using var second = new PortalAppFactory(dataDirectory: folder);
            var client = second.CreateBrowserlessClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Add("Cookie", cookie);

            var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("Welcome, Restart Test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (TestDatabase.IsPostgres)
            {
                await TestDatabase.DropAsync(folder);
            }

            Directory.Delete(folder, recursive: true);
        }
    }

    // HSTS is never sent to localhost, so the request names a real-looking host.
    [Fact]
    public async Task Outside_development_HTTPS_responses_carry_HSTS_and_errors_are_not_detailed()
    {
        await using var factory = new PortalAppFactory();
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://portal.example.org"), AllowAutoRedirect = false });

        var response = await client.GetAsync("/Account/Login");

        Assert.Contains("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")), StringComparison.Ordinal);
        Assert.False(factory.Services.GetRequiredService<IOptions<CircuitOptions>>().Value.DetailedErrors);
    }

    [Fact]
    public async Task An_unhandled_error_shows_the_friendly_page_without_details()
    {
        await using var factory = new ThrowingPortalFactory();
        await factory.CreateUserAsync("someone@example.org", "Someone", PortalRoles.Staff);

        var response = await factory.CreateBrowserlessClient().GetAsync("/test/boom");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("Something went wrong", html, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"request-id\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ThrowingPortalFactory.Secret, html, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", html, StringComparison.Ordinal);
    }

    /// <summary>The portal with one extra address that fails, behind all of the portal's own middleware.</summary>
    private sealed class ThrowingPortalFactory : PortalAppFactory
    {
        public const string Secret = "connection string with a password in it";

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ThrowingEndpoint>());
        }

        private sealed class ThrowingEndpoint : IStartupFilter
        {
            public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
            {
                next(app);
                app.Map("/test/boom", branch => branch.Run(_ => throw new InvalidOperationException(Secret)));
            };
        }
    }
}
