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

            // MudBlazor's defaults (e.g. white on #00c853, 2.2:1) fail on chips, snackbars and outlined buttons;
            // these keep 4.5:1 even through a snackbar's 0.95 opacity.
            Success = "#1b5e20",
            Error = "#b3261e",
            Warning = "#a35200",
            Info = "#0a6aa1",
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

            // Light tones read on the dark surfaces; filled chips and snackbars put dark text on them.
            Success = "#81c784",
            SuccessContrastText = "#0b1a0c",
            Error = "#ef9a9a",
            ErrorContrastText = "#1f0808",
            Warning = "#ffb74d",
            WarningContrastText = "#1f1300",
            Info = "#81d4fa",
            InfoContrastText = "#06151d",
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
