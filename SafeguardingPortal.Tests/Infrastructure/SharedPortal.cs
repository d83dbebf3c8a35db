using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure;

/// <summary>
/// One portal shared by the tests of a collection: set up, with one user in each role. Tests that
/// change shared state (users, settings) make their own users or use their own factory.
/// </summary>
public sealed class SharedPortal : IAsyncLifetime
{
    public PortalAppFactory Factory { get; } = new();

    public PortalUser Administrator { get; private set; } = default!;

    public IReadOnlyDictionary<string, PortalUser> UserByRole { get; private set; } = new Dictionary<string, PortalUser>();

    public static string EmailFor(string role) => $"{role.ToLowerInvariant()}@example.org";

    public async ValueTask InitializeAsync()
    {
        var users = new Dictionary<string, PortalUser>();
        foreach (var role in PortalRoles.All)
        {
            users[role] = await Factory.CreateUserAsync(EmailFor(role), $"Test {role}", role);
        }

        UserByRole = users;
        Administrator = users[PortalRoles.Administrator];
    }

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class SharedPortalCollection : ICollectionFixture<SharedPortal>
{
    public const string Name = "Shared portal";
}
