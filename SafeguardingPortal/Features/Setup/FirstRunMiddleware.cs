using Microsoft.AspNetCore.Diagnostics;

namespace SafeguardingPortal.Features.Setup;

/// <summary>
/// Until the first administrator exists every page leads to /setup; afterwards /setup answers 404.
/// Static files, the health check and Blazor's own endpoints pass through untouched.
/// </summary>
public sealed class FirstRunMiddleware(RequestDelegate next)
{
    public const string SetupPath = "/setup";

    public async Task InvokeAsync(HttpContext context, FirstRunState firstRun)
    {
        var path = context.Request.Path;
        if (IsInfrastructure(path))
        {
            await next(context);
            return;
        }

        var complete = await firstRun.IsSetupCompleteAsync(context.RequestAborted);
        var isSetup = path.StartsWithSegments(SetupPath, StringComparison.OrdinalIgnoreCase);
        if (complete && isSetup)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            if (!HttpMethods.IsGet(context.Request.Method))
            {
                // The friendly 404 page is for people following links; a replayed form post gets a bare 404.
                context.Features.Get<IStatusCodePagesFeature>()?.Enabled = false;
            }

            return;
        }

        if (!complete && !isSetup && !path.StartsWithSegments("/not-found") && !path.StartsWithSegments("/Error"))
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        await next(context);
    }

    private static readonly HashSet<string> StaticFileExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".css", ".js", ".mjs", ".map", ".svg", ".png", ".ico", ".jpg", ".woff", ".woff2", ".ttf", ".json", ".wasm",
    };

    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/_framework")
        || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/_blazor")
        || path.StartsWithSegments("/healthz")
        || StaticFileExtensions.Contains(Path.GetExtension(path.Value ?? ""));
}
