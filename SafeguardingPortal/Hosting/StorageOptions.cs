namespace SafeguardingPortal.Hosting;

/// <summary>The "Storage" section: where the portal keeps its files.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The data folder; relative paths are taken from the content root. Created if missing.</summary>
    public string DataDirectory { get; set; } = "data";

    public static string ResolveDataDirectory(IConfiguration configuration, string contentRoot)
    {
        var configured = configuration.GetSection(Section).Get<StorageOptions>()?.DataDirectory;
        var folder = string.IsNullOrWhiteSpace(configured) ? "data" : configured;
        return Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(contentRoot, folder));
    }
}
