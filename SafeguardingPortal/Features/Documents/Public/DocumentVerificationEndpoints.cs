using Microsoft.AspNetCore.Http.Features;

namespace SafeguardingPortal.Features.Documents.Public;

/// <summary>
/// The public verify page's guards, before the form is read: no caching or referrer, a request-body
/// ceiling just above the file limit, and an upload that declares itself too large answered at once
/// (audited, then redirected to the page's "too large" message) instead of being read.
/// </summary>
public static class DocumentVerificationEndpoints
{
    public const string VerifyPath = "/verify";
    public const string TooLargeProblem = "too-large";

    /// <summary>Room for the form's other fields and the multipart framing around the file.</summary>
    private const long FormOverhead = 64 * 1024;

    public static readonly string[] PublicPaths = [VerifyPath];

    public static IApplicationBuilder UseDocumentVerificationGuards(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (!context.Request.Path.StartsWithSegments(VerifyPath, StringComparison.OrdinalIgnoreCase))
            {
                await next(context);
                return;
            }

            context.Response.OnStarting(() =>
            {
                context.Response.Headers.CacheControl = "no-store";
                context.Response.Headers.Pragma = "no-cache";
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
                return Task.CompletedTask;
            });

            if (HttpMethods.IsPost(context.Request.Method))
            {
                var limit = DocumentVerifier.MaxBytes + FormOverhead;
                if (context.Request.ContentLength > limit)
                {
                    var verifier = context.RequestServices.GetRequiredService<DocumentVerifier>();
                    await verifier.VerifyAsync(Stream.Null, context.Request.ContentLength, context.RequestAborted);
                    context.Response.Redirect($"{VerifyPath}?problem={TooLargeProblem}");
                    context.Response.StatusCode = StatusCodes.Status303SeeOther;
                    return;
                }

                if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
                {
                    bodySize.MaxRequestBodySize = limit;
                }

                context.Features.Set<IFormFeature>(new FormFeature(context.Request, new FormOptions { MultipartBodyLengthLimit = limit, ValueCountLimit = 16 }));
            }

            await next(context);
        });
}
