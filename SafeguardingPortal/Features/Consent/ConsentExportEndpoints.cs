using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Consent;

/// <summary>The consent grid of an activity as CSV, for the panel's “Download CSV”. The service checks access and audits the export.</summary>
internal static class ConsentExportEndpoints
{
    public static void MapConsentExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/activities/{activityId:int}/consent/export.csv", async (HttpContext http, int activityId, [FromServices] ConsentRequestService service, [FromQuery] string? audience) =>
        {
            var who = Enum.TryParse<ConsentAudience>(audience, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : ConsentAudience.Children;
            string csv;
            try
            {
                csv = await service.ExportGridCsvAsync(activityId, who, http.RequestAborted);
            }
            catch (PortalAccessDeniedException)
            {
                return Results.StatusCode(StatusCodes.Status403Forbidden);
            }

            // With a byte-order mark, so spreadsheet programs read names with accents correctly.
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray();
            http.Response.Headers.CacheControl = "no-store";
            var name = string.Create(CultureInfo.InvariantCulture, $"consent-activity-{activityId}-{(who == ConsentAudience.Children ? "children" : "adults")}-{DateTime.UtcNow:yyyyMMdd}.csv");
            return Results.File(bytes, "text/csv; charset=utf-8", name);
        }).RequireAuthorization(PortalPolicies.CanViewActivities);

        // The scan of a paper form, served as stored (the type was checked by content on upload) and never cached.
        endpoints.MapGet("/consent/scans/{signatureId:int}", async (HttpContext http, int signatureId, [FromServices] ConsentRequestService service) =>
        {
            var scan = await service.ScanAsync(signatureId, http.RequestAborted);
            if (scan is not { } found)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers["Content-Security-Policy"] = "default-src 'none'; sandbox";
            return Results.File(found.Content, found.ContentType, found.FileName);
        }).RequireAuthorization(PortalPolicies.CanManageConsent);

        // The issued PDFs, served byte for byte as issued: a signature's record and a withdrawal's receipt.
        endpoints.MapGet("/consent/documents/signatures/{signatureId:int}", (HttpContext http, int signatureId, [FromServices] ConsentRequestService service) =>
            IssuedDocumentAsync(http, service, DocumentKind.ConsentRecord, signatureId)).RequireAuthorization(PortalPolicies.CanViewActivities);
        endpoints.MapGet("/consent/documents/withdrawals/{withdrawalId:int}", (HttpContext http, int withdrawalId, [FromServices] ConsentRequestService service) =>
            IssuedDocumentAsync(http, service, DocumentKind.WithdrawalReceipt, withdrawalId)).RequireAuthorization(PortalPolicies.CanViewActivities);

        // Every document of an activity as one ZIP, written to the response as it is read: one file in memory at a time.
        endpoints.MapGet("/activities/{activityId:int}/consent/documents.zip", async (HttpContext http, int activityId, [FromServices] ConsentRequestService service) =>
        {
            try
            {
                await service.ActivityDocumentsSummaryAsync(activityId, http.RequestAborted);
            }
            catch (PortalAccessDeniedException)
            {
                http.Response.StatusCode = StatusCodes.Status403Forbidden;
                return;
            }

            http.Response.ContentType = "application/zip";
            http.Response.Headers.CacheControl = "no-store";
            http.Response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture, $"attachment; filename=\"consent-documents-activity-{activityId}-{DateTime.UtcNow:yyyyMMdd}.zip\"");
            await using var zip = new ZipResponseWriter(http.Response.Body);
            try
            {
                // The exact size goes out first, so the browser shows how far a large download has got.
                await service.StreamActivityDocumentsAsync(activityId, (document, ct) => zip.AddAsync(document.FileName, document.IssuedAtUtc, document.Bytes, ct),
                    files => http.Response.ContentLength = ZipResponseWriter.PredictLength(files), http.RequestAborted);
                await zip.CompleteAsync(http.RequestAborted);
            }
            catch (Exception) when (!http.RequestAborted.IsCancellationRequested)
            {
                // Part of the archive has gone already: cut the connection so nobody is left with a ZIP that looks whole.
                http.Abort();
                throw;
            }
        }).RequireAuthorization(PortalPolicies.CanViewActivities);
    }

    private static async Task<IResult> IssuedDocumentAsync(HttpContext http, ConsentRequestService service, DocumentKind kind, int relatedId)
    {
        IssuedDocument? document;
        try
        {
            document = await service.DocumentAsync(kind, relatedId, http.RequestAborted);
        }
        catch (PortalAccessDeniedException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        if (document is null)
        {
            return Results.NotFound();
        }

        http.Response.Headers.CacheControl = "no-store";
        return Results.File(document.Bytes, "application/pdf", document.FileName);
    }
}
