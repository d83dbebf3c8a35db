using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Features.Platforms;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>The children list and the child dialog, rendered over the real services.</summary>
public sealed class ChildComponentsTests : PortalBunitContext
{
    private Task UseAsync(string role) => UsePortalAsAsync(role, typeof(ChildService), typeof(ChildImportService), typeof(ActivityService), typeof(StaffService), typeof(PlatformService));

    private async Task<int> AddChildAsync(string first, string last, DateOnly dob, string group = "")
    {
        await using var scope = await Portal.ScopeForAsync(await Portal.CreateUserAsync($"seed.{Guid.NewGuid():N}@example.org", "Seeder", PortalRoles.SafeguardingLead));
        return await scope.ServiceProvider.GetRequiredService<ChildService>().SaveAsync(new ChildModel { FirstName = first, LastName = last, DateOfBirth = dob, Group = group });
    }

    private async Task<IRenderedComponent<MudDialogProvider>> ShowChildDialogAsync()
    {
        var provider = Render<MudDialogProvider>();
        var dialogs = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => dialogs.ShowAsync<ChildDialog>("Add a child"));
        return provider;
    }

    [Fact]
    public async Task The_list_shows_children_with_a_warning_when_nobody_is_linked()
    {
        await AddChildAsync("Amelia", "Jones", new DateOnly(2013, 3, 14), "Juniors");
        await UseAsync(PortalRoles.SafeguardingLead);

        var cut = Render<ChildrenPage>();

        cut.WaitForAssertion(() => Assert.Contains("Amelia Jones", cut.Markup, StringComparison.Ordinal));
        Assert.Contains("None linked", cut.Markup, StringComparison.Ordinal);
        Assert.Contains("Juniors", cut.Markup, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid=add-child]"));
        Assert.NotEmpty(cut.FindAll("[data-testid=import-children]"));
    }

    [Fact]
    public async Task An_empty_register_says_what_to_do_next()
    {
        await UseAsync(PortalRoles.SafeguardingLead);

        var cut = Render<ChildrenPage>();

        cut.WaitForAssertion(() => Assert.Contains("No children yet. Add a child with “Add a child”", cut.Markup, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_are_told_they_see_only_their_activities_and_cannot_add()
    {
        await AddChildAsync("Amelia", "Jones", new DateOnly(2013, 3, 14));
        await UseAsync(PortalRoles.Staff);

        var cut = Render<ChildrenPage>();

        cut.WaitForAssertion(() => Assert.Contains("The children taking part in the activities you lead.", cut.Markup, StringComparison.Ordinal));
        cut.WaitForAssertion(() => Assert.Contains("There are no children for you to see yet.", cut.Markup, StringComparison.Ordinal));
        Assert.DoesNotContain("Amelia", cut.Markup, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid=add-child]"));
    }

    [Fact]
    public async Task The_child_dialog_explains_missing_fields_and_warns_about_a_duplicate_before_saving()
    {
        await AddChildAsync("Amelia", "Jones", new DateOnly(2013, 3, 14));
        await UseAsync(PortalRoles.SafeguardingLead);
        var provider = await ShowChildDialogAsync();

        provider.Find("[data-testid=save-child]").Click();
        provider.WaitForAssertion(() => Assert.Contains("Enter the child's first name.", provider.Markup, StringComparison.Ordinal));
        Assert.Contains("Enter the child's date of birth.", provider.Markup, StringComparison.Ordinal);

        provider.FindAll("input")[0].Change("Amelia");
        provider.FindAll("input")[1].Change("Jones");
        provider.Find("input[placeholder='dd/mm/yyyy']").Change("14/03/2013");
        provider.Find("[data-testid=save-child]").Click();

        provider.WaitForAssertion(() => Assert.Contains(
            "There is already a child called Amelia Jones born on 14 Mar 2013.",
            provider.Find("[data-testid=duplicate-warning]").TextContent,
            StringComparison.Ordinal));
        Assert.Equal("Save anyway", provider.Find("[data-testid=save-child]").TextContent.Trim());
        await using var scope = Portal.Services.CreateAsyncScope();
        Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<SafeguardingPortal.Infrastructure.Data.PortalDbContext>().Children.CountAsync());
    }
}
