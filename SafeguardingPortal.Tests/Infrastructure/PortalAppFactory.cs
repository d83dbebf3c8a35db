using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure;

/// <summary>
/// The real portal, started from Program.cs on its own database (a SQLite file in a fresh temporary data
/// folder, or in the PostgreSQL lane a database of its own: see <see cref="TestDatabase"/>).
/// With <see cref="RealServer"/> it listens on a loopback port for the browser tests.
/// </summary>
public class PortalAppFactory : WebApplicationFactory<Program>
{
    public const string TestPassword = "correct horse battery staple";

    private readonly Dictionary<string, string?> settings;

    /// <param name="settings">Configuration that overrides appsettings.json for this portal.</param>
    /// <param name="realServer">Listen on a loopback port (for browser tests) instead of the in-memory test server.</param>
    /// <param name="dataDirectory">Reuse an existing data folder, e.g. to restart the portal on the same database.</param>
    public PortalAppFactory(IDictionary<string, string?>? settings = null, bool realServer = false, string? dataDirectory = null)
    {
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "portal-tests", Guid.NewGuid().ToString("N"));
        OwnsDataDirectory = dataDirectory is null;
        Directory.CreateDirectory(DataDirectory);
        this.settings = new Dictionary<string, string?>
        {
            ["Storage:DataDirectory"] = DataDirectory,
            // Dozens of hosts start in one test run: no configuration file watchers (inotify is limited).
            ["hostBuilder:reloadConfigOnChange"] = "false",
            // Tests run background jobs themselves, on the portal's fake clock.
            ["Jobs:Enabled"] = "false",
            // Tests sign in far more often than people do, all from one address; one test checks the limit itself.
            ["RateLimiting:SignInAttemptsPerMinute"] = "100000",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Critical",
            ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
            ["Logging:LogLevel:Microsoft.AspNetCore.HttpsPolicy"] = "Error",
            ["Logging:LogLevel:Microsoft.Extensions.Diagnostics.HealthChecks"] = "Critical",
        };
        if (TestDatabase.IsPostgres)
        {
            this.settings["Database:Provider"] = "Postgres";
            this.settings["ConnectionStrings:Portal"] = TestDatabase.ConnectionStringFor(DataDirectory);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            this.settings[key] = value;
        }

        RealServer = realServer;
        if (realServer)
        {
            UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        }
    }

    public string DataDirectory { get; }

    private bool OwnsDataDirectory { get; }

    /// <summary>
    /// The clock sign-in cookies and security-stamp checks read (not the portal's own clock), so a
    /// test can move it past the revalidation interval without waiting.
    /// </summary>
    public FakeTimeProvider SignInClock { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The portal's own clock (reviews, expiry, retention): tests move it without signing anyone out.</summary>
    public FakeTimeProvider PortalTime { get; } = new(DateTimeOffset.UtcNow);

    public bool RealServer { get; }

    /// <summary>The SQLite file (SQLite lane only: a test that needs it is about SQLite itself).</summary>
    public string DatabaseFile => TestDatabase.IsPostgres
        ? throw new InvalidOperationException("This portal runs on PostgreSQL: there is no database file. Mark the test [Trait(\"Database\", \"SqliteOnly\")].")
        : Path.Combine(DataDirectory, "portal.db");

    /// <summary>The address of the real server (only with <see cref="RealServer"/>).</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");

        // Outside Development the framework's and packages' static files (blazor.web.js, MudBlazor's
        // CSS) come from a published wwwroot; a test run serves them from the build's manifest instead.
        builder.UseStaticWebAssets();
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(SignInClock);
            services.AddSingleton(new SafeguardingPortal.Infrastructure.PortalClock(PortalTime));
        });
    }

    public HttpClient CreateBrowserlessClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>Creates a local account directly in the store (arranging a test, not the feature under test).</summary>
    public async Task<PortalUser> CreateUserAsync(string email, string displayName, params string[] roles)
    {
        await using var scope = Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var user = new PortalUser
        {
            UserName = email,
            Email = email,
            EmailConfirmed = true,
            DisplayName = displayName,
            CreatedAtUtc = DateTimeOffset.UtcNow,
        };
        var created = await users.CreateAsync(user, TestPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        if (roles.Length > 0)
        {
            Assert.True((await users.AddToRolesAsync(user, roles)).Succeeded);
        }

        return user;
    }

    /// <summary>
    /// A service scope acting as the given user, the way a circuit or a static page would: the
    /// scope's authentication state is the user's principal as Identity builds it at sign-in.
    /// </summary>
    public async Task<AsyncServiceScope> ScopeForAsync(PortalUser? user)
    {
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        if (user is not null)
        {
            await using var lookup = Services.CreateAsyncScope();
            var users = lookup.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var fresh = await users.FindByIdAsync(user.Id) ?? throw new InvalidOperationException("The user no longer exists.");
            principal = await lookup.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<PortalUser>>().CreateAsync(fresh);
        }

        // As a circuit does when it opens: the user's authentication state, and who the audit trail names.
        var scope = Services.CreateAsyncScope();
        var provider = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        provider.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        scope.ServiceProvider.GetRequiredService<AuditContext>().Set(AuditActor.FromPrincipal(principal, IPAddress.Loopback));
        return scope;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            SqliteConnection.ClearAllPools();
            if (!OwnsDataDirectory)
            {
                return;
            }

            if (TestDatabase.IsPostgres)
            {
                TestDatabase.DropAsync(DataDirectory).GetAwaiter().GetResult();
            }

            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still open on a slow shutdown: the temporary folder is cleaned by the OS.
            }
        }
    }
}
