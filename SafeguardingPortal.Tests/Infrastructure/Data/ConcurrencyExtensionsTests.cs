using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Infrastructure.Data;

/// <summary>The race the services' version check cannot see: someone saves between the check and the save.</summary>
public sealed class ConcurrencyExtensionsTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();
    private int childId;

    public async ValueTask InitializeAsync()
    {
        var lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);
        await using var scope = await factory.ScopeForAsync(lead);
        childId = await scope.ServiceProvider.GetRequiredService<ChildService>().SaveAsync(
            new ChildModel { FirstName = "Amelia", LastName = "Jones", DateOfBirth = new DateOnly(2013, 3, 14), Group = "Juniors" });
    }

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static PortalConcurrencyException Describe(Child now) =>
        PortalConcurrencyException.Describe([("Group", now.Group, "Mine")], now.Version);

    private async Task<PortalDbContext> ContextAsync() =>
        await factory.Services.CreateAsyncScope().ServiceProvider.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task A_save_that_loses_the_race_is_told_what_the_record_now_holds_and_saves_nothing()
    {
        await using var mine = await ContextAsync();
        var child = await mine.Children.SingleAsync(c => c.Id == childId);
        await using (var theirs = await ContextAsync())
        {
            var same = await theirs.Children.SingleAsync(c => c.Id == childId);
            same.Group = "Seniors";
            same.Version = Guid.NewGuid();
            await theirs.SaveChangesAsync();
        }

        var before = (await factory.EventsAsync()).Count;
        child.Group = "Mine";
        child.Version = Guid.NewGuid();
        var conflict = await Assert.ThrowsAsync<PortalConcurrencyException>(() => mine.SaveOrConflictAsync<Child>(Describe));

        Assert.Contains("Group is now “Seniors”", conflict.Message, StringComparison.Ordinal);
        Assert.NotNull(conflict.CurrentVersion);
        await using var check = await ContextAsync();
        Assert.Equal("Seniors", (await check.Children.SingleAsync(c => c.Id == childId)).Group);
        Assert.Equal(before, (await factory.EventsAsync()).Count);
    }

    [Fact]
    public async Task A_save_of_a_record_someone_deleted_says_so()
    {
        await using var mine = await ContextAsync();
        var child = await mine.Children.SingleAsync(c => c.Id == childId);
        await using (var theirs = await ContextAsync())
        {
            theirs.Children.Remove(await theirs.Children.SingleAsync(c => c.Id == childId));
            await theirs.SaveChangesAsync();
        }

        child.Group = "Mine";
        var conflict = await Assert.ThrowsAsync<PortalConcurrencyException>(() => mine.SaveOrConflictAsync<Child>(Describe));

        Assert.Equal("Someone else deleted this record while you were editing it. Reload the page.", conflict.Message);
    }
}
