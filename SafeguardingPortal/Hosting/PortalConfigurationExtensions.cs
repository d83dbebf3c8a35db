using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace SafeguardingPortal.Hosting;

public static class PortalConfigurationExtensions
{
    /// <summary>
    /// Reads the repository's single appsettings.json from the application's own folder (where the
    /// build copies it) in the place of the content root's copy, so that <c>dotnet run</c>, the
    /// published app and the tests' host all read the same file. Environment variables and the
    /// command line still override it, as usual.
    /// </summary>
    public static WebApplicationBuilder AddPortalConfiguration(this WebApplicationBuilder builder)
    {
        var sources = builder.Configuration.Sources;
        var appFolder = AppContext.BaseDirectory;
        if (!File.Exists(Path.Combine(appFolder, "appsettings.json")))
        {
            return builder;
        }

        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path } json
                && (path == "appsettings.json" || path == $"appsettings.{builder.Environment.EnvironmentName}.json"))
            {
                sources[i] = new JsonConfigurationSource
                {
                    Path = path,
                    Optional = json.Optional,
                    // Settings apply at start-up (every instance alike); no file watcher per host.
                    ReloadOnChange = false,
                    FileProvider = new PhysicalFileProvider(appFolder),
                };
            }
        }

        // ConfigurationManager rebuilds its providers when a source is replaced.
        return builder;
    }
}
