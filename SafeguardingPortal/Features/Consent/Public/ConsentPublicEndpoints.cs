using Microsoft.AspNetCore.Http.Extensions;

namespace SafeguardingPortal.Features.Consent.Public;

/// <summary>
/// The addresses in e-mails. Opening one checks the token, then moves it out of the address bar into
/// a short-lived HttpOnly cookie scoped to that one invitation's page, so two children's links open in
/// two tabs never get crossed, and the token never lands in history, logs or a Referer header.
/// </summary>
public static class ConsentPublicEndpoints
{
    public const string SignCookie = "SafeguardingPortal.Sign";
    public const string WithdrawCookie = "SafeguardingPortal.Withdraw";
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromHours(2);

    /// <summary>Paths of the public consent pages: no cache, no referrer, rate-limited.</summary>
    public static readonly string[] PublicPaths = ["/consent/l", "/consent/w", "/consent/sign", "/consent/withdraw", "/consent/problem"];

    public static IEndpointRouteBuilder MapConsentPublicEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/consent/l/{token}", async (string token, HttpContext context, ConsentSigningService signing) =>
        {
            var outcome = await signing.OpenSigningLinkAsync(token, EvidenceOf(context), context.RequestAborted);
            if (outcome.State != LinkState.Valid)
            {
                return Problem(outcome);
            }

            SetCookie(context, SignCookie, $"/consent/sign/{outcome.PublicId}", token);
            return Results.Redirect($"/consent/sign/{outcome.PublicId}");
        }).AllowAnonymous().DisableAntiforgery();

        app.MapGet("/consent/w/{token}", async (string token, HttpContext context, ConsentSigningService signing) =>
        {
            var outcome = await signing.OpenWithdrawalLinkAsync(token, EvidenceOf(context), context.RequestAborted);
            if (outcome.State != LinkState.Valid)
            {
                return Problem(outcome);
            }

            SetCookie(context, WithdrawCookie, $"/consent/withdraw/{outcome.PublicId}", token);
            return Results.Redirect($"/consent/withdraw/{outcome.PublicId}");
        }).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    /// <summary>The server's view of where a request came from (the proxy-aware client address).</summary>
    public static LinkEvidence EvidenceOf(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ip = context.Connection.RemoteIpAddress;
        return new LinkEvidence(
            ip is null ? "" : (ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip).ToString(),
            context.Request.Headers.UserAgent.ToString());
    }

    /// <summary>Cache-Control: no-store and Referrer-Policy: no-referrer on every public consent response.</summary>
    public static IApplicationBuilder UseConsentPublicHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (PublicPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
            {
                context.Response.OnStarting(() =>
                {
                    context.Response.Headers.CacheControl = "no-store";
                    context.Response.Headers.Pragma = "no-cache";
                    context.Response.Headers["Referrer-Policy"] = "no-referrer";
                    return Task.CompletedTask;
                });
            }

            await next(context);
        });

    private static void SetCookie(HttpContext context, string name, string path, string token) =>
        context.Response.Cookies.Append(name, token, new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = path,
            MaxAge = CookieLifetime,
            IsEssential = true,
        });

    private static IResult Problem(LinkOutcome outcome)
    {
        var query = new QueryBuilder { { "state", outcome.State.ToString().ToLowerInvariant() } };
        if (outcome.PublicId is not null)
        {
            query.Add("ref", outcome.PublicId);
        }

        return Results.Redirect("/consent/problem" + query.ToQueryString());
    }
}
