using MudBlazor;

namespace SafeguardingPortal.Components.Layout;

/// <summary>The portal's colours and type. Colours keep at least 4.5:1 contrast with their text in both modes.</summary>
public static class PortalTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f5f8b",
            Secondary = "#6a3d9a",
            AppbarBackground = "#1f5f8b",
            AppbarText = "#ffffff",
            Background = "#f7f8fa",
            DrawerBackground = "#ffffff",
            TextPrimary = "#1b1f24",
            TextSecondary = "#4a5360",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8cc4ef",
            Secondary = "#c9a7ee",
            AppbarBackground = "#15202b",
            AppbarText = "#f2f5f8",
            Background = "#101418",
            Surface = "#1a2027",
            DrawerBackground = "#161b21",
            TextPrimary = "#eef1f4",
            TextSecondary = "#c1c8d0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
    };
}
