using Microsoft.AspNetCore.Mvc;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Audit;

internal static class AuditEndpoints
{
    /// <summary>GET /audit/export.csv with the audit page's filters as query parameters.</summary>
    public static void MapAuditEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/audit/export.csv", async (
            HttpContext context,
            [FromServices] AuditService audit,
            [FromQuery] DateOnly? from,
            [FromQuery] DateOnly? to,
            [FromQuery] string? actor,
            [FromQuery] string? action,
            [FromQuery] string? type,
            [FromQuery] string? key) =>
        {
            var query = new AuditQuery { From = from, To = to, Actor = actor, Action = action, EntityType = type, EntityKey = key };
            context.Response.ContentType = "text/csv; charset=utf-8";
            context.Response.Headers.ContentDisposition = $"attachment; filename=\"audit-trail-{DateTime.UtcNow:yyyyMMdd-HHmm}.csv\"";
            context.Response.Headers.CacheControl = "no-store";
            await audit.ExportCsvAsync(query, context.Response.Body, context.RequestAborted);
        }).RequireAuthorization(PortalPolicies.CanViewAudit);
    }
}
