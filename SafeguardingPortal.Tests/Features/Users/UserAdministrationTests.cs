using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Features.Users;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Users;

/// <summary>The user administration service on a real database, acting as different users.</summary>
[Collection(SharedPortalCollection.Name)]
public sealed class UserAdministrationTests(SharedPortal portal)
{
    private async Task<T> AsAsync<T>(PortalUser? user, Func<UserAdministrationService, Task<T>> action)
    {
        await using var scope = await portal.Factory.ScopeForAsync(user);
        return await action(scope.ServiceProvider.GetRequiredService<UserAdministrationService>());
    }

    private Task AsAsync(PortalUser? user, Func<UserAdministrationService, Task> action) =>
        AsAsync<bool>(user, async service =>
        {
            await action(service);
            return true;
        });

    private async Task<PortalUser?> FindAsync(string email)
    {
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>().FindByEmailAsync(email);
    }

    [Fact]
    public async Task An_administrator_adds_a_user_with_roles_and_sees_them_listed()
    {
        var model = new NewUserModel
        {
            DisplayName = "Morgan Ellis",
            Email = "morgan.ellis@example.org",
            Password = "three unrelated words",
            Roles = ["manager", PortalRoles.Staff],
        };

        var id = await AsAsync(portal.Administrator, s => s.CreateAsync(model));
        var listed = await AsAsync(portal.Administrator, s => s.ListAsync("morgan"));

        var row = Assert.Single(listed);
        Assert.Equal(id, row.Id);
        Assert.Equal("Morgan Ellis", row.DisplayName);
        Assert.Equal([PortalRoles.Manager, PortalRoles.Staff], row.Roles);
        Assert.False(row.IsDisabled);
    }

    [Fact]
    public async Task A_weak_password_is_refused_with_a_message_on_the_password_field_and_nobody_is_added()
    {
        var model = new NewUserModel { DisplayName = "Weak Password", Email = "weak@example.org", Password = "qwerty123456" };

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(portal.Administrator, s => s.CreateAsync(model)));

        Assert.Contains("most commonly used", error.Errors["Password"], StringComparison.Ordinal);
        Assert.Null(await FindAsync("weak@example.org"));
    }

    [Fact]
    public async Task A_second_account_with_the_same_e_mail_is_refused()
    {
        var model = new NewUserModel { DisplayName = "Duplicate", Email = SharedPortal.EmailFor(PortalRoles.Staff), Password = "three unrelated words" };

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(portal.Administrator, s => s.CreateAsync(model)));

        Assert.Contains("There is already a user with the e-mail address", error.Errors["Email"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_is_refused_and_nobody_is_added()
    {
        var model = new NewUserModel { DisplayName = "Role Test", Email = "role.test@example.org", Password = "three unrelated words", Roles = ["Superuser"] };

        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(portal.Administrator, s => s.CreateAsync(model)));

        Assert.Equal("'Superuser' is not one of the portal's roles.", error.Errors["Roles"]);
        Assert.Null(await FindAsync("role.test@example.org"));
    }

    [Theory]
    [InlineData(PortalRoles.SafeguardingLead)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Staff)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Only_administrators_may_use_the_service(string role)
    {
        var someone = portal.UserByRole[role];
        var email = $"made-by-{role.ToLowerInvariant()}@example.org";
        var model = new NewUserModel { DisplayName = "Not Allowed", Email = email, Password = "three unrelated words", Roles = [PortalRoles.Administrator] };

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.ListAsync()));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.CreateAsync(model)));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.SetRolesAsync(someone.Id, PortalRoles.All)));
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(someone, s => s.SetDisabledAsync(portal.Administrator.Id, true)));

        Assert.Null(await FindAsync(email));
        await using var scope = portal.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        Assert.Equal([role], await users.GetRolesAsync((await users.FindByIdAsync(someone.Id))!));
        Assert.False((await users.FindByIdAsync(portal.Administrator.Id))!.IsDisabled);
    }

    [Fact]
    public async Task An_anonymous_caller_is_refused()
    {
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(null, s => s.ListAsync()));
    }

    [Fact]
    public async Task Administrators_cannot_disable_themselves_or_drop_their_own_administrator_role()
    {
        var admin = portal.Administrator;

        var disable = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(admin, s => s.SetDisabledAsync(admin.Id, true)));
        var demote = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(admin, s => s.SetRolesAsync(admin.Id, [PortalRoles.Staff])));

        Assert.Equal("You cannot disable your own account.", disable.Message);
        Assert.Contains("You cannot remove your own Administrator role.", demote.Message, StringComparison.Ordinal);
        var stored = await FindAsync(admin.Email!);
        Assert.False(stored!.IsDisabled);
    }

    [Fact]
    public async Task Changing_roles_renews_the_security_stamp_so_open_sessions_revalidate()
    {
        var user = await portal.Factory.CreateUserAsync("roles.change@example.org", "Roles Change", PortalRoles.Staff);
        var before = (await FindAsync(user.Email!))!.SecurityStamp;

        await AsAsync(portal.Administrator, s => s.SetRolesAsync(user.Id, [PortalRoles.Staff, PortalRoles.Manager]));

        var after = await FindAsync(user.Email!);
        Assert.NotEqual(before, after!.SecurityStamp);
        var listed = await AsAsync(portal.Administrator, s => s.ListAsync("roles.change"));
        Assert.Equal([PortalRoles.Manager, PortalRoles.Staff], Assert.Single(listed).Roles);
    }

    [Fact]
    public async Task Disabling_and_enabling_a_user_is_seen_by_the_circuit_revalidation()
    {
        var user = await portal.Factory.CreateUserAsync("revalidate@example.org", "Revalidate Me", PortalRoles.Staff);
        await using var userScope = await portal.Factory.ScopeForAsync(user);
        var principal = (await userScope.ServiceProvider.GetRequiredService<CurrentUser>().GetPrincipalAsync());
        var users = userScope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
        var options = userScope.ServiceProvider.GetRequiredService<IOptions<IdentityOptions>>().Value;
        Assert.True(await RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(users, principal, options));

        await AsAsync(portal.Administrator, s => s.SetDisabledAsync(user.Id, true));
        await using (var checkScope = portal.Factory.Services.CreateAsyncScope())
        {
            var freshUsers = checkScope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            Assert.False(await RevalidatingIdentityAuthenticationStateProvider.IsStillValidAsync(freshUsers, principal, options));
        }

        await AsAsync(portal.Administrator, s => s.SetDisabledAsync(user.Id, false));
        var listed = await AsAsync(portal.Administrator, s => s.ListAsync("revalidate"));
        Assert.False(Assert.Single(listed).IsDisabled);
    }

    [Fact]
    public async Task Unlocking_a_locked_out_user_clears_the_lock_out()
    {
        var user = await portal.Factory.CreateUserAsync("locked@example.org", "Locked Person", PortalRoles.Staff);
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var stored = await users.FindByIdAsync(user.Id);
            await users.SetLockoutEndDateAsync(stored!, DateTimeOffset.UtcNow.AddMinutes(15));
        }

        Assert.True(Assert.Single(await AsAsync(portal.Administrator, s => s.ListAsync("locked@"))).IsLockedOut);
        await AsAsync(portal.Administrator, s => s.SetDisabledAsync(user.Id, false));

        var row = Assert.Single(await AsAsync(portal.Administrator, s => s.ListAsync("locked@")));
        Assert.False(row.IsLockedOut);
        Assert.False(row.IsDisabled);
    }

    [Fact]
    public async Task An_administrator_sets_a_new_password_that_must_be_strong()
    {
        var user = await portal.Factory.CreateUserAsync("forgetful@example.org", "Forgetful Person", PortalRoles.Staff);
        var stampBefore = (await FindAsync(user.Email!))!.SecurityStamp;

        var weak = await Assert.ThrowsAsync<PortalValidationException>(() => AsAsync(portal.Administrator, s => s.SetPasswordAsync(user.Id, "short")));
        Assert.Contains("at least 12 characters", weak.Errors["Password"], StringComparison.Ordinal);
        await AsAsync(portal.Administrator, s => s.SetPasswordAsync(user.Id, "new kettle harbour lantern"));

        Assert.NotEqual(stampBefore, (await FindAsync(user.Email!))!.SecurityStamp);
        var client = portal.Factory.CreateBrowserlessClient();
        Assert.Equal("/", (await client.SignInAsync(user.Email!, "new kettle harbour lantern")).RedirectTarget());
        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => AsAsync(portal.UserByRole[PortalRoles.Manager], s => s.SetPasswordAsync(user.Id, "another long password")));
    }

    [Fact]
    public async Task The_last_enabled_administrator_cannot_be_demoted_or_disabled()
    {
        var second = await portal.Factory.CreateUserAsync("second.admin@example.org", "Second Admin", PortalRoles.Administrator);
        var third = await portal.Factory.CreateUserAsync("third.admin@example.org", "Third Admin", PortalRoles.Administrator);
        // The shared administrator steps back, so second and third are the only administrators.
        await AsAsync(second, s => s.SetRolesAsync(portal.Administrator.Id, [PortalRoles.Administrator, PortalRoles.Auditor]));
        await using (var scope = portal.Factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var shared = await users.FindByIdAsync(portal.Administrator.Id);
            shared!.IsDisabled = true;
            await users.UpdateAsync(shared);
        }

        try
        {
            // Third opens a session as an administrator, then second demotes third.
            await using var thirdSession = await portal.Factory.ScopeForAsync(third);
            var asThird = thirdSession.ServiceProvider.GetRequiredService<UserAdministrationService>();
            await AsAsync(second, s => s.SetRolesAsync(third.Id, [PortalRoles.Staff]));

            // Third's session still says "Administrator" (until it revalidates): the rule is checked against the database.
            var refused = await Assert.ThrowsAsync<PortalValidationException>(() => asThird.SetRolesAsync(second.Id, [PortalRoles.Staff]));
            Assert.Contains("they are the only enabled administrator", refused.Message, StringComparison.Ordinal);
            await Assert.ThrowsAsync<PortalValidationException>(() => asThird.SetDisabledAsync(second.Id, true));
            Assert.Equal([PortalRoles.Administrator], Assert.Single(await AsAsync(second, s => s.ListAsync("second.admin"))).Roles);
        }
        finally
        {
            await using var scope = portal.Factory.Services.CreateAsyncScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var shared = await users.FindByIdAsync(portal.Administrator.Id);
            shared!.IsDisabled = false;
            await users.UpdateAsync(shared);
            await users.RemoveFromRoleAsync(shared, PortalRoles.Auditor);
        }
    }
}
