using Microsoft.AspNetCore.Mvc;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Features.People;

/// <summary>CSV exports of what each register's list shows with its current search and filter. Each export is audited.</summary>
internal static class PeopleExportEndpoints
{
    public static void MapPeopleExports(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/children/export.csv", async (HttpContext http, [FromServices] ChildService service, [FromServices] AuditTrail audit, [FromQuery] string? search, [FromQuery] string? filter) =>
        {
            var page = await service.ListAsync(new ListQuery { Search = search, Filter = filter }.AllPages(), http.RequestAborted);
            return await CsvAsync(http, audit, "children", ["First name", "Last name", "Preferred name", "Date of birth", "Age", "Group", "Parents and carers", "Someone with parental responsibility"],
                page.Rows.Select(r => new[] { r.FirstName, r.LastName, r.PreferredName, r.DateOfBirth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Num(r.Age), r.Group, Num(r.Guardians), r.HasParentalResponsibility ? "Yes" : "No" }));
        }).RequireAuthorization(PortalPolicies.CanViewChildren);

        endpoints.MapGet("/children/import-template.csv", () =>
            Results.File(System.Text.Encoding.UTF8.GetBytes(ChildImportService.Template), "text/csv; charset=utf-8", "children-import-template.csv"))
            .RequireAuthorization(PortalPolicies.CanManagePeople);

        endpoints.MapGet("/families/export.csv", async (HttpContext http, [FromServices] ParentCarerService service, [FromServices] AuditTrail audit, [FromQuery] string? search) =>
        {
            var page = await service.ListAsync(new ListQuery { Search = search }.AllPages(), http.RequestAborted);
            return await CsvAsync(http, audit, "parents-and-carers", ["First name", "Last name", "E-mail", "Telephone", "Preferred contact", "Children"],
                page.Rows.Select(r => new[] { r.FirstName, r.LastName, r.Email, r.Phone, r.PreferredContact.ToString(), Num(r.Children) }));
        }).RequireAuthorization(PortalPolicies.CanViewPeople);

        endpoints.MapGet("/staff/export.csv", async (HttpContext http, [FromServices] StaffService service, [FromServices] AuditTrail audit, [FromQuery] string? search, [FromQuery] string? filter) =>
        {
            var page = await service.ListAsync(new ListQuery { Search = search, Filter = filter }.AllPages(), http.RequestAborted);
            return await CsvAsync(http, audit, "staff", ["First name", "Last name", "Work e-mail", "Works as", "Role", "Check", "Reference (masked)", "Check date", "Renewal due", "Check status"],
                page.Rows.Select(r => new[] { r.FirstName, r.LastName, r.WorkEmail, r.Type.ToString(), r.RoleTitle, r.CheckKind, r.MaskedReference, Date(r.CheckDate), Date(r.CheckRenewalDue), r.CheckStatus.ToString() }));
        }).RequireAuthorization(PortalPolicies.CanViewPeople);

        endpoints.MapGet("/activities/export.csv", async (HttpContext http, [FromServices] ActivityService service, [FromServices] AuditTrail audit, [FromQuery] string? search, [FromQuery] string? filter) =>
        {
            var page = await service.ListAsync(new ListQuery { Search = search, Filter = filter }.AllPages(), http.RequestAborted);
            return await CsvAsync(http, audit, "activities", ["Title", "Kind", "Platform", "Youngest", "Oldest", "Starts", "Ends", "Lead", "Children"],
                page.Rows.Select(r => new[] { r.Title, r.Kind.ToString(), r.Platform, Num(r.MinimumAge), Num(r.MaximumAge), Date(r.StartDate), Date(r.EndDate), r.Lead, Num(r.Children) }));
        }).RequireAuthorization(PortalPolicies.CanViewActivities);
    }

    /// <summary>The social-media account register, with the register page's filters.</summary>
    public static void MapSocialAccountExport(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/social-accounts/export.csv", async (HttpContext http, [FromServices] SocialAccounts.SocialAccountService service, [FromServices] AuditTrail audit,
            [FromQuery] string? search, [FromQuery] int? platform, [FromQuery] string? status, [FromQuery] bool? overdue, [FromQuery] int? staff) =>
        {
            var query = new SocialAccounts.SocialAccountQuery
            {
                Search = search,
                PlatformId = platform,
                Status = Enum.TryParse<SocialAccounts.SocialAccountStatus>(status, out var s) ? s : null,
                ReviewOverdueOnly = overdue == true,
                StaffMemberId = staff,
                PageSize = int.MaxValue,
            };
            var page = await service.ListAsync(query, http.RequestAborted);
            return await CsvAsync(http, audit, "social-media-accounts", ["Platform", "Handle", "Purpose", "Responsible", "Status", "Next review", "Review", "People with access"],
                page.Rows.Select(r => new[] { r.Platform, r.Handle, r.Purpose, r.Responsible, r.Status.ToString(), Date(r.NextReviewDue), r.ReviewOverdue ? "Overdue" : r.ReviewDueSoon ? "Due soon" : "", Num(r.PeopleWithAccess) }));
        }).RequireAuthorization(PortalPolicies.CanReadAllSocialAccounts);
    }

    private static async Task<IResult> CsvAsync(HttpContext http, AuditTrail audit, string name, string[] header, IEnumerable<string[]> rows)
    {
        var lines = new List<string> { string.Join(",", header.Select(AuditText.CsvCell)) };
        lines.AddRange(rows.Select(r => string.Join(",", r.Select(AuditText.CsvCell))));
        await audit.RecordAsync(AuditActions.Exported, $"Exported {lines.Count - 1} row{(lines.Count == 2 ? "" : "s")} of {name} as CSV", ct: CancellationToken.None);
        var bytes = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")).ToArray();
        http.Response.Headers.CacheControl = "no-store";
        return Results.File(bytes, "text/csv; charset=utf-8", $"{name}-{DateTime.UtcNow:yyyyMMdd}.csv");
    }

    private static string Num(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static string Date(DateOnly? value) => value?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) ?? "";
}
