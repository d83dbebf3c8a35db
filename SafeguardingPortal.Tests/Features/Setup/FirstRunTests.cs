using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Setup;

/// <summary>First start, through the real pipeline on a fresh database each test.</summary>
public sealed class FirstRunTests : IAsyncLifetime
{
    private readonly PortalAppFactory factory = new();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private static Dictionary<string, string> SetupFields(string password = "purple elephant marmalade", string? confirm = null) => new()
    {
        ["Model.OrganisationName"] = "Riverside Youth Club",
        ["Model.DisplayName"] = "Priya Shah",
        ["Model.Email"] = "priya@riverside.example.org",
        ["Model.Password"] = password,
        ["Model.ConfirmPassword"] = confirm ?? password,
    };

    private async Task<int> CountUsersAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PortalDbContext>().Users.CountAsync();
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/admin/users")]
    [InlineData("/Account/Login")]
    [InlineData("/no-such-page")]
    public async Task Before_setup_every_page_leads_to_setup(string path)
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/setup", response.RedirectTarget());
    }

    [Fact]
    public async Task Before_setup_the_setup_page_and_health_check_answer()
    {
        var client = factory.CreateBrowserlessClient();

        var setup = await client.GetAsync("/setup");
        var health = await client.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, setup.StatusCode);
        Assert.Contains("Create administrator account", await setup.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task Setup_creates_the_first_administrator_once_and_then_answers_404()
    {
        var client = factory.CreateBrowserlessClient();

        var created = await client.PostFormAsync("/setup", "setup", SetupFields());

        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/Account/Login?created=true", created.RedirectTarget());
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var admin = await users.FindByEmailAsync("priya@riverside.example.org");
            Assert.NotNull(admin);
            Assert.Equal("Priya Shah", admin.DisplayName);
            Assert.Equal([PortalRoles.Administrator], await users.GetRolesAsync(admin));
            var settings = await scope.ServiceProvider.GetRequiredService<PortalDbContext>().OrganisationSettings.SingleAsync();
            Assert.Equal("Riverside Youth Club", settings.Name);
        }

        var again = await client.GetAsync("/setup");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/setup/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/SETUP")).StatusCode);
        Assert.Contains("We cannot find that page", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var secondPost = await client.PostAsync("/setup", new FormUrlEncodedContent(SetupFields()));
        Assert.Equal(HttpStatusCode.NotFound, secondPost.StatusCode);
        Assert.Equal(1, await CountUsersAsync());

        var signIn = await client.SignInAsync("priya@riverside.example.org", "purple elephant marmalade");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal("/", signIn.RedirectTarget());
        var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
        Assert.Contains("Riverside Youth Club", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("short", "at least 12 characters")]
    [InlineData("password1234", "most commonly used")]
    [InlineData("aaaaaaaaaaaaaaaa", "repeats the same one or two characters")]
    [InlineData("priya-is-in-charge", "must not contain your e-mail name")]
    public async Task Setup_rejects_a_weak_password_with_a_clear_message_and_creates_nobody(string password, string expected)
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/setup", "setup", SetupFields(password));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Setup_rejects_passwords_that_do_not_match_and_creates_nobody()
    {
        var client = factory.CreateBrowserlessClient();

        var response = await client.PostFormAsync("/setup", "setup", SetupFields(confirm: "something else entirely"));

        Assert.Contains("The two passwords do not match.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await CountUsersAsync());
    }

    [Fact]
    public async Task Setup_without_the_antiforgery_token_is_refused_and_creates_nobody()
    {
        var client = factory.CreateBrowserlessClient();
        var fields = SetupFields();
        fields["_handler"] = "setup";

        var response = await client.PostAsync("/setup", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await CountUsersAsync());
    }
}
