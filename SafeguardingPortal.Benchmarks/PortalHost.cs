using SafeguardingPortal.Hosting;

namespace SafeguardingPortal.Benchmarks;

/// <summary>The portal's services exactly as Program.cs wires them, on a fresh data folder, without the web server.</summary>
internal static class PortalHost
{
    public static Task<(WebApplication App, string DataDirectory)> StartAsync() => StartAsync(null);

    /// <param name="settings">Configuration that overrides appsettings.json (e.g. the SMTP server to send through).</param>
    /// <param name="dataDirectory">An existing or chosen data folder (kept afterwards); otherwise a fresh temporary one the caller deletes.</param>
    /// <param name="configureServices">Replaces services after the portal's own wiring (e.g. the mail transport).</param>
    public static async Task<(WebApplication App, string DataDirectory)> StartAsync(
        IReadOnlyDictionary<string, string>? settings, string? dataDirectory = null, Action<IServiceCollection>? configureServices = null)
    {
        dataDirectory ??= Path.Combine(Path.GetTempPath(), "portal-benchmarks", Guid.NewGuid().ToString("N"));
        var all = new Dictionary<string, string>
        {
            ["Storage:DataDirectory"] = dataDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            all[key] = value;
        }

        var builder = WebApplication.CreateBuilder(["--environment", "Production", .. all.SelectMany(s => new[] { $"--{s.Key}", s.Value })]);
        builder.AddPortalConfiguration();
        foreach (var (key, value) in all)
        {
            builder.Configuration[key] = value;
        }

        builder.AddPortalData();
        builder.AddPortalIdentity();
        builder.AddPortalWeb();
        builder.AddPortalEmail();
        builder.AddPortalDocuments();
        configureServices?.Invoke(builder.Services);
        var app = builder.Build();
        await app.InitialisePortalDatabaseAsync();
        return (app, dataDirectory);
    }

    /// <summary>The integer after <paramref name="name"/> on the command line, or <paramref name="fallback"/>.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : fallback;
    }

    /// <summary>The text after <paramref name="name"/> on the command line, or null.</summary>
    public static string? TextOption(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
