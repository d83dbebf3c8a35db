using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using SafeguardingPortal.Features.Consent.Public;
using SafeguardingPortal.Features.Documents.Public;

namespace SafeguardingPortal.Hosting;

/// <summary>
/// Limits form posts to the sign-in and setup pages per client address (fixed one-minute window),
/// on top of the per-account lock-out: guessing across many accounts from one address is slowed too.
/// The public consent pages (links, signing, withdrawal) have their own per-address limit
/// (<c>Consent:PublicRequestsPerMinute</c>) so nobody can try tokens at speed; the public verify page
/// has the same limit, counted separately.
/// </summary>
public static class SignInRateLimiting
{
    public const string Section = "RateLimiting:SignInAttemptsPerMinute";
    public const int DefaultAttemptsPerMinute = 10;

    private static readonly string[] LimitedPaths = ["/Account/Login", "/setup"];

    public static IServiceCollection AddSignInRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        var perMinute = configuration.GetValue(Section, DefaultAttemptsPerMinute);
        var publicPerMinute = configuration.GetValue("Consent:PublicRequestsPerMinute", 60);
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Too many requests from this address. Wait a minute, then try again.", ct);
            };
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var address = AddressBucket(context.Connection.RemoteIpAddress);
                if (HttpMethods.IsPost(context.Request.Method) && LimitedPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetFixedWindowLimiter(
                        address, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                }

                if (ConsentPublicEndpoints.PublicPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetFixedWindowLimiter(
                        "consent|" + address, _ => new FixedWindowRateLimiterOptions { PermitLimit = publicPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                }

                // The public verify page has the same per-address limit, counted on its own.
                if (DocumentVerificationEndpoints.PublicPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
                {
                    return RateLimitPartition.GetFixedWindowLimiter(
                        "verify|" + address, _ => new FixedWindowRateLimiterOptions { PermitLimit = publicPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });
                }

                return RateLimitPartition.GetNoLimiter("unlimited");
            });
        });
        return services;
    }

    /// <summary>
    /// Whose allowance a request uses: an IPv4 address, or an IPv6 address's /64 network. One home or
    /// phone connection is usually handed a whole /64, so counting each IPv6 address apart would let one
    /// device try tokens from as many addresses as it likes.
    /// </summary>
    public static string AddressBucket(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes).ToString() + "/64";
    }
}
