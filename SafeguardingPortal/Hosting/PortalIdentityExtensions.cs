using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Identity.Web;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Hosting;

/// <summary>How people sign in: local accounts, or Microsoft Entra ID when <c>AzureAd:ClientId</c> is set.</summary>
public sealed record PortalSignInMode(bool UsesEntraId)
{
    public bool UsesLocalAccounts => !UsesEntraId;
}

public static class PortalIdentityExtensions
{
    public const string LoginPath = "/Account/Login";
    public const string AccessDeniedPath = "/Account/AccessDenied";

    public static WebApplicationBuilder AddPortalIdentity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var azureAd = builder.Configuration.GetSection("AzureAd");
        var mode = new PortalSignInMode(!string.IsNullOrWhiteSpace(azureAd["ClientId"]));
        services.AddSingleton(mode);

        // The user store is always there: local accounts live in it, and later features refer to users.
        services.AddIdentityCore<PortalUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.SignIn.RequireConfirmedAccount = false;
                options.Password.RequiredLength = 12;
                options.Password.RequiredUniqueChars = 5;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<PortalDbContext>()
            .AddSignInManager<PortalSignInManager>()
            .AddErrorDescriber<PortalIdentityErrorDescriber>()
            .AddPasswordValidator<PortalPasswordValidator>()
            .AddClaimsPrincipalFactory<PortalUserClaimsPrincipalFactory>()
            .AddDefaultTokenProviders();

        if (mode.UsesEntraId)
        {
            AddEntraId(services, azureAd);
        }
        else
        {
            AddLocalAccounts(services);
        }

        services.AddAuthorization(PortalPolicies.Configure);
        services.AddCascadingAuthenticationState();
        services.AddScoped<CurrentUser>();
        return builder;
    }

    private static void AddLocalAccounts(IServiceCollection services)
    {
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = LoginPath;
            cookie.LogoutPath = "/Account/Logout";
            cookie.AccessDeniedPath = AccessDeniedPath;
            cookie.Cookie.Name = "SafeguardingPortal.Auth";
            cookie.Cookie.HttpOnly = true;
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
            cookie.SlidingExpiration = true;
        });

        // A disabled user or changed roles reach a signed-in browser within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = RevalidatingIdentityAuthenticationStateProvider.Interval);
        services.AddScoped<AuthenticationStateProvider, RevalidatingIdentityAuthenticationStateProvider>();
    }

    private static void AddEntraId(IServiceCollection services, IConfigurationSection azureAd)
    {
        services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
            .AddMicrosoftIdentityWebApp(azureAd);

        services.PostConfigure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, options =>
        {
            // Keep the token's claim names: the app roles arrive as "roles" and are mapped below.
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = "name";
            options.TokenValidationParameters.RoleClaimType = EntraRoleClaimsTransformation.AppRolesClaimType;

            // Sign-ins through Entra ID reach the audit trail like local ones.
            var previous = options.Events.OnTokenValidated;
            options.Events.OnTokenValidated = async context =>
            {
                await previous(context);
                var actor = AuditActor.FromPrincipal(context.Principal, context.HttpContext.Connection.RemoteIpAddress);
                await context.HttpContext.RequestServices.GetRequiredService<AuditTrail>()
                    .RecordAsync(AuditActions.SignedIn, $"{actor.Name} signed in with Microsoft Entra ID", "EntraUser", actor.Key, actor);
            };
        });
        services.Replace(ServiceDescriptor.Transient<IClaimsTransformation, EntraRoleClaimsTransformation>());
    }
}
