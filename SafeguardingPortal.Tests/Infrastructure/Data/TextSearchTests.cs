using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure.Data;

/// <summary>The search seam behaves the same on both databases (this class runs in both test lanes).</summary>
public sealed class TextSearchTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;

    public async ValueTask InitializeAsync()
    {
        lead = await factory.CreateUserAsync("lead.search@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using var scope = await factory.ScopeForAsync(lead);
        var staff = scope.ServiceProvider.GetRequiredService<StaffService>();
        await staff.SaveAsync(new StaffModel { FirstName = "Priya", LastName = "Shah", WorkEmail = "priya@example.org", RoleTitle = "Coach" });
        await staff.SaveAsync(new StaffModel { FirstName = "Tom", LastName = "Price", WorkEmail = "tom@example.org", RoleTitle = "100% volunteer" });
        await staff.SaveAsync(new StaffModel { FirstName = "Ana", LastName = "Lopez", WorkEmail = "ana_l@example.org", RoleTitle = "Helper" });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task<List<string>> SearchAsync(string term)
    {
        await using var scope = await factory.ScopeForAsync(lead);
        var page = await scope.ServiceProvider.GetRequiredService<StaffService>().ListAsync(new ListQuery { Search = term });
        return [.. page.Rows.Select(r => r.WorkEmail).Order(StringComparer.Ordinal)];
    }

    [Theory]
    [InlineData("PRIYA SHAH", "priya@example.org")]
    [InlineData("iya s", "priya@example.org")]
    [InlineData("  price ", "tom@example.org")]
    public async Task Search_ignores_case_and_surrounding_spaces(string term, string expected) =>
        Assert.Equal([expected], await SearchAsync(term));

    [Fact]
    public async Task Wildcards_typed_by_the_user_are_matched_literally()
    {
        Assert.Equal(["tom@example.org"], await SearchAsync("100%"));
        Assert.Equal(["ana_l@example.org"], await SearchAsync("a_l"));
        Assert.Empty(await SearchAsync("p%h"));
    }

    [Fact]
    public void The_seam_builds_a_pattern_that_escapes_the_escape_character_too() =>
        Assert.Equal("%a\\\\b\\%c\\_d%", TextSearch.ContainsPattern(" a\\b%c_d "));
}
