using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Hosting;

/// <summary>Says plainly whether the PostgreSQL lane ran, and when it does, that the portals really are on PostgreSQL.</summary>
public sealed class DatabaseLaneTests
{
    [Fact]
    [Trait("Lane", "PostgresOnly")]
    public async Task The_PostgreSQL_lane_ran_on_a_real_PostgreSQL_server()
    {
        Assert.SkipUnless(
            TestDatabase.IsPostgres,
            $"The PostgreSQL lane did not run: {TestDatabase.Variable} is not set, so every test ran on SQLite only. "
            + "Run `bash .ci/test` (it starts a throwaway PostgreSQL cluster and runs both lanes), or start one with "
            + "`eval \"$(bash .ci/postgres start)\"` and run `dotnet test` again.");

        await using var factory = new PortalAppFactory();
        await using var scope = factory.Services.CreateAsyncScope();
        Assert.Equal(DatabaseProvider.Postgres, scope.ServiceProvider.GetRequiredService<PortalDatabase>().Provider);
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        Assert.True(db.Database.IsNpgsql());
        var version = await db.Database.SqlQueryRaw<string>("SELECT current_setting('server_version_num') AS \"Value\"").SingleAsync(TestContext.Current.CancellationToken);
        Assert.True(int.Parse(version, System.Globalization.CultureInfo.InvariantCulture) >= 150000, $"PostgreSQL {version} is older than the 15 the portal is tested on.");
    }
}
