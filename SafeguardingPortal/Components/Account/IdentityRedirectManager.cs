using Microsoft.AspNetCore.Components;

namespace SafeguardingPortal.Components.Account;

/// <summary>Redirects from static account pages, refusing to leave the portal (no open redirects).</summary>
internal sealed class IdentityRedirectManager(NavigationManager navigationManager)
{
    public void RedirectTo(string? uri)
    {
        navigationManager.NavigateTo(SafeLocalPath(uri));
    }

    /// <summary>A local path for a return URL; anything pointing elsewhere becomes the home page.</summary>
    public static string SafeLocalPath(string? uri)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return "/";
        }

        var trimmed = uri.Trim();
        var isLocal = trimmed.StartsWith('/')
            && !trimmed.StartsWith("//", StringComparison.Ordinal)
            && !trimmed.StartsWith("/\\", StringComparison.Ordinal)
            && Uri.IsWellFormedUriString(trimmed, UriKind.Relative);
        return isLocal ? trimmed : "/";
    }
}
