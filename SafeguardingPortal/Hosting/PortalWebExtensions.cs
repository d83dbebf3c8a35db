using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using SafeguardingPortal.Components;
using SafeguardingPortal.Components.Account;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Audit;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Consent.Public;
using SafeguardingPortal.Features.Devices;
using SafeguardingPortal.Features.Documents.Public;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Jobs;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Preferences;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Features.Setup;
using SafeguardingPortal.Features.SocialAccounts;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Features.Users;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Email.Queue;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Jobs;

namespace SafeguardingPortal.Hosting;

public static class PortalWebExtensions
{
    public static readonly CultureInfo UkCulture = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>Blazor (interactive server), MudBlazor, en-GB formatting, circuit limits and the features' services.</summary>
    public static WebApplicationBuilder AddPortalWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var isDevelopment = builder.Environment.IsDevelopment();

        CultureInfo.DefaultThreadCurrentCulture = UkCulture;
        CultureInfo.DefaultThreadCurrentUICulture = UkCulture;
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(UkCulture);
            options.SupportedCultures = [UkCulture];
            options.SupportedUICultures = [UkCulture];
            options.RequestCultureProviders.Clear();
        });

        services.AddRazorComponents()
            .AddInteractiveServerComponents(circuit =>
            {
                circuit.DetailedErrors = isDevelopment;
                // A phone that loses signal for a moment gets its page back; abandoned circuits go.
                circuit.DisconnectedCircuitRetentionPeriod = TimeSpan.FromMinutes(3);
                circuit.DisconnectedCircuitMaxRetained = 100;
                circuit.JSInteropDefaultCallTimeout = TimeSpan.FromSeconds(30);
                circuit.MaxBufferedUnacknowledgedRenderBatches = 10;
            })
            .AddHubOptions(hub =>
            {
                // Forms send small messages; a generous ceiling, still far below anything abusive.
                hub.MaximumReceiveMessageSize = 64 * 1024;
                hub.EnableDetailedErrors = isDevelopment;
            });

        services.AddMudServices();
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddAntiforgery(options => options.Cookie.Name = "SafeguardingPortal.Antiforgery");
        services.AddHsts(options =>
        {
            options.MaxAge = TimeSpan.FromDays(365);
            options.IncludeSubDomains = true;
        });

        services.Configure<OrganisationOptions>(builder.Configuration.GetSection(OrganisationOptions.Section));
        services.AddSingleton<FirstRunState>();
        services.AddScoped<SetupService>();
        services.AddScoped<OrganisationSettingsService>();
        services.AddScoped<UserAdministrationService>();
        services.AddScoped<UserPreferencesService>();
        services.AddScoped<IdentityRedirectManager>();
        services.AddSignInRateLimiting(builder.Configuration);
        services.AddScoped<AuditTrail>();
        services.AddScoped<CircuitHandler, AuditCircuitHandler>();
        services.AddScoped<AuditService>();
        services.AddScoped<ChildService>();
        services.AddScoped<ChildImportService>();
        services.AddScoped<ParentCarerService>();
        services.AddScoped<StaffService>();
        services.AddScoped<PlatformService>();
        services.AddScoped<ActivityService>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<SocialAccountService>();
        services.Configure<ConsentOptions>(builder.Configuration.GetSection(ConsentOptions.Section))
            .PostConfigure<ConsentOptions>(o => o.ReminderDays = o.ReminderDays.Length == 0 ? ConsentOptions.DefaultReminderDays : o.ReminderDays);
        services.Configure<PortalOptions>(builder.Configuration.GetSection(PortalOptions.Section));
        services.AddScoped<ConsentTemplateService>();
        services.AddScoped<ConsentRequestService>();
        services.AddScoped<ConsentSigningService>();
        services.AddSingleton<IEmailComposer, ConsentEmailComposer>();
        services.AddScoped<DeviceAuthorisationService>();
        services.AddScoped<Features.Recordings.RecordingPolicyService>();
        services.AddScoped<Features.Recordings.RecordingService>();
        services.AddScoped<Features.Home.DashboardService>();
        services.AddSingleton<IEmailComposer, DeviceEmailComposer>();
        services.AddSingleton<IEmailComposer, Features.Recordings.RecordingEmailComposer>();
        services.AddSingleton<IEmailComposer, Features.Home.WeeklyDigestComposer>();

        // Queued e-mail: sent at once when something is queued, retried every minute; tests deliver explicitly.
        services.AddSingleton<EmailDeliverySignal>();
        services.AddSingleton<EmailDispatcher>();
        if (builder.Configuration.GetValue("Email:DeliverInBackground", true))
        {
            services.AddHostedService<EmailDeliveryService>();
        }

        // Background jobs: one host, each job registered here; Jobs:Enabled=false stops the schedule (tests run jobs directly).
        services.AddSingleton<PortalJobRunner>();
        services.AddSingleton<IPortalJob, SocialAccountReviewJob>();
        services.AddSingleton<IPortalJob, ConsentInvitationsJob>();
        services.AddSingleton<IPortalJob, DeviceAuthorisationsJob>();
        services.AddSingleton<IPortalJob, Features.Recordings.RecordingDisposalsJob>();
        services.AddSingleton<IPortalJob, Features.Home.WeeklyDigestJob>();
        services.AddScoped<JobsService>();
        if (builder.Configuration.GetValue("Jobs:Enabled", true))
        {
            services.AddHostedService<PortalJobHost>();
        }

        // The client address comes from the connection, or from X-Forwarded-For only when the
        // request came through one of the configured proxies.
        var knownProxies = builder.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() ?? [];
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in knownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return builder;
    }

    /// <summary>The request pipeline, in order.</summary>
    public static WebApplication UsePortal(this WebApplication app)
    {
        if (app.Configuration.GetSection("ForwardedHeaders:KnownProxies").Get<string[]>() is { Length: > 0 })
        {
            app.UseForwardedHeaders();
        }

        var formActions = new List<string>();
        if (app.Services.GetRequiredService<PortalSignInMode>().UsesEntraId)
        {
            var instance = app.Configuration["AzureAd:Instance"] ?? "https://login.microsoftonline.com/";
            formActions.Add(new Uri(instance).GetLeftPart(UriPartial.Authority));
        }

        app.UseMiddleware<SecurityHeadersMiddleware>(SecurityHeadersMiddleware.BuildContentSecurityPolicy(formActions));

        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseConsentPublicHeaders();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRateLimiter();

        app.UseRequestLocalization();
        app.UseMiddleware<FirstRunMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<AuditContextMiddleware>();
        app.UseAuthorization();
        app.UseDocumentVerificationGuards();
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>()
            .AddInteractiveServerRenderMode();
        app.MapPortalAccountEndpoints();
        app.MapAuditEndpoints();
        app.MapPeopleExports();
        app.MapSocialAccountExport();
        app.MapConsentPublicEndpoints();
        app.MapConsentExport();
        app.MapDeviceAuthorisationEndpoints();
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            ResponseWriter = async (context, report) =>
            {
                context.Response.ContentType = "text/plain; charset=utf-8";
                context.Response.Headers.CacheControl = "no-store";
                // The status first (load balancers read the code or this line), then the database's provider and migrations.
                var lines = new List<string> { report.Status.ToString() };
                if (report.Entries.TryGetValue("database", out var database))
                {
                    lines.AddRange(database.Data.Select(d => $"{d.Key}: {d.Value}"));
                }

                await context.Response.WriteAsync(string.Join('\n', lines) + "\n");
            },
        }).AllowAnonymous();
        return app;
    }
}
