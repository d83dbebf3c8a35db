using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Settings;

/// <summary>Organisation settings on their own portal (they change what every page shows).</summary>
public sealed class OrganisationSettingsTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new(new Dictionary<string, string?>
    {
        ["Organisation:Name"] = "Configured Charity",
        ["Organisation:SafeguardingLeadEmail"] = "lead@configured.example.org",
    });

    private PortalUser admin = default!;

    public async ValueTask InitializeAsync() =>
        admin = await factory.CreateUserAsync("admin@example.org", "Ada Admin", PortalRoles.Administrator);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task<T> AsAsync<T>(PortalUser? user, Func<OrganisationSettingsService, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<OrganisationSettingsService>());
    }

    [Fact]
    public async Task Until_saved_the_settings_come_from_configuration()
    {
        var settings = await AsAsync(null, s => s.GetAsync());

        Assert.Equal("Configured Charity", settings.Name);
        Assert.Equal("lead@configured.example.org", settings.SafeguardingLeadEmail);
        Assert.Null(settings.Version);
    }

    [Fact]
    public async Task An_administrator_saves_the_settings_and_everyone_sees_them()
    {
        var form = await AsAsync(admin, s => s.GetForEditAsync());
        form.Name = "  Hilltop Swimming Club  ";
        form.SafeguardingLeadName = "Jo Patel";
        form.SafeguardingLeadPhone = "+44 20 7946 0000";

        var saved = await AsAsync(admin, s => s.SaveAsync(form));
        var seen = await AsAsync(null, s => s.GetAsync());

        Assert.Equal("Hilltop Swimming Club", seen.Name);
        Assert.Equal("Jo Patel", seen.SafeguardingLeadName);
        Assert.Equal("lead@configured.example.org", seen.SafeguardingLeadEmail);
        Assert.Equal(saved.Version, seen.Version);
        Assert.Equal("admin@example.org", seen.UpdatedBy);
    }

    [Fact]
    public async Task A_field_left_empty_falls_back_to_configuration()
    {
        var form = await AsAsync(admin, s => s.GetForEditAsync());
        form.SafeguardingLeadEmail = "";
        form.SafeguardingLeadName = "Jo Patel";

        await AsAsync(admin, s => s.SaveAsync(form));
        var seen = await AsAsync(null, s => s.GetAsync());

        Assert.Equal("Jo Patel", seen.SafeguardingLeadName);
        Assert.Equal("lead@configured.example.org", seen.SafeguardingLeadEmail);
    }

    [Fact]
    public async Task Bad_input_gets_a_message_per_field_and_changes_nothing()
    {
        var form = await AsAsync(admin, s => s.GetForEditAsync());
        form.Name = " ";
        form.SafeguardingLeadEmail = "not an address";
        form.SafeguardingLeadPhone = "call me";

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(admin, s => s.SaveAsync(form)));

        Assert.Equal("Enter the organisation's name.", error.Errors[nameof(form.Name)]);
        Assert.StartsWith("Enter an e-mail address", error.Errors[nameof(form.SafeguardingLeadEmail)], StringComparison.Ordinal);
        Assert.StartsWith("Enter a telephone number", error.Errors[nameof(form.SafeguardingLeadPhone)], StringComparison.Ordinal);
        Assert.Equal(0, await CountRowsAsync());
    }

    [Fact]
    public async Task A_save_based_on_an_old_copy_is_refused_and_keeps_the_other_persons_change()
    {
        var first = await AsAsync(admin, s => s.GetForEditAsync());
        var saved = await AsAsync(admin, s => s.SaveAsync(first));
        var mine = saved.Copy();
        var theirs = saved.Copy();

        theirs.Name = "Their Name";
        await AsAsync(admin, s => s.SaveAsync(theirs));
        mine.Name = "My Name";
        var error = await Assert.ThrowsAsync<PortalConcurrencyException>(() => AsAsync(admin, s => s.SaveAsync(mine)));

        Assert.Contains("Someone else saved the organisation's settings", error.Message, StringComparison.Ordinal);
        Assert.Equal("Their Name", (await AsAsync(null, s => s.GetAsync())).Name);
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_administrators_may_change_the_settings(string role)
    {
        var someone = await factory.CreateUserAsync($"{role}@example.org", role, role);
        var form = await AsAsync(admin, s => s.GetForEditAsync());
        form.Name = "Taken Over";

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.GetForEditAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.SaveAsync(form)));

        Assert.Equal(0, await CountRowsAsync());
    }

    private async Task<int> CountRowsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OrganisationSettings.CountAsync();
    }
}
