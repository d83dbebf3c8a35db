using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.Devices;

/// <summary>
/// The register as CSV (with the page's filters) and an authorisation's printed record, served as
/// issued. The service decides what each person may see; both downloads are audited.
/// </summary>
internal static class DeviceAuthorisationEndpoints
{
    public static void MapDeviceAuthorisationEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/devices/export.csv", async (HttpContext http, [FromServices] DeviceAuthorisationService service, [FromServices] AuditTrail audit,
            [FromQuery] string? search, [FromQuery] int? person, [FromQuery] string? state, [FromQuery] string? on, [FromQuery] int? expiring, [FromQuery] string? decide) =>
        {
            var query = new DeviceAuthorisationQuery
            {
                Search = search,
                StaffMemberId = person,
                State = Enum.TryParse<DeviceAuthorisationState>(state, out var s) && Enum.IsDefined(s) ? s : null,
                On = DateOnly.TryParseExact(on, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null,
                ExpiringWithinDays = DeviceAuthorisationRules.ExpiringWindow(expiring),
                ForMyDecision = decide == "mine",
                PageSize = int.MaxValue,
            };
            var page = await service.ListAsync(query, http.RequestAborted);
            var lines = new List<string> { Line(["Reference", "Person", "Device", "Description", "From", "Until", "Review by", "Status", "Requested by", "Requested on", "People who can see it"]) };
            lines.AddRange(page.Rows.Select(r => Line(
            [
                r.Reference, r.Person, DeviceAuthorisationRules.Describe(r.DeviceKind), r.Device, Date(r.From), Date(r.Until), r.ReviewOn is { } review ? Date(review) : "",
                DeviceAuthorisationRules.Describe(r.State), r.RequestedBy, r.RequestedAtUtc.ToUkTime().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), r.Viewers.ToString(CultureInfo.InvariantCulture),
            ])));
            await audit.RecordAsync(AuditActions.Exported, $"Exported {page.Rows.Count} row{(page.Rows.Count == 1 ? "" : "s")} of personal-device authorisations as CSV", ct: CancellationToken.None);
            var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")).ToArray();
            http.Response.Headers.CacheControl = "no-store";
            return Results.File(bytes, "text/csv; charset=utf-8", $"device-authorisations-{DateTime.UtcNow:yyyyMMdd}.csv");
        }).RequireAuthorization(PortalPolicies.CanViewDeviceAuthorisations);

        endpoints.MapGet("/devices/{id:int}/record.pdf", async (HttpContext http, int id, [FromServices] DeviceAuthorisationService service) =>
        {
            var document = await service.RecordAsync(id, http.RequestAborted);
            if (document is null)
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "no-store";
            return Results.File(document.Bytes, "application/pdf", document.FileName);
        }).RequireAuthorization(PortalPolicies.CanViewDeviceAuthorisations);
    }

    private static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(AuditText.CsvCell));

    private static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
