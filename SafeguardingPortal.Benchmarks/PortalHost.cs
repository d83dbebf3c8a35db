using SafeguardingPortal.Hosting;

namespace SafeguardingPortal.Benchmarks;

/// <summary>The portal's services exactly as Program.cs wires them, on a fresh data folder, without the web server.</summary>
internal static class PortalHost
{
    public static async Task<(WebApplication App, string DataDirectory)> StartAsync()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "portal-benchmarks", Guid.NewGuid().ToString("N"));
        var builder = WebApplication.CreateBuilder(["--environment", "Production", "--Storage:DataDirectory", dataDirectory, "--Logging:LogLevel:Default", "Warning"]);
        builder.AddPortalConfiguration();
        builder.Configuration["Storage:DataDirectory"] = dataDirectory;
        builder.Configuration["Logging:LogLevel:Default"] = "Warning";
        builder.AddPortalData();
        builder.AddPortalIdentity();
        builder.AddPortalWeb();
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
}
