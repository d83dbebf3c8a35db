using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Infrastructure.Identity;

public sealed class PasswordRulesTests
{
    [Theory]
    [InlineData("purple elephant marmalade")]
    [InlineData("Kettle-Harbour-Lantern-42")]
    [InlineData("my dog eats socks on tuesdays")]
    public void Strong_passwords_pass(string password)
    {
        Assert.Empty(PortalPasswordValidator.Check(password, "sam.jones@example.org", "Sam Jones"));
    }

    [Theory]
    [InlineData("Password1234", "most commonly used")]
    [InlineData("qwerty!!!!!!", "most commonly used")]
    [InlineData("zzzzzzzzzzzzzz", "repeats the same one or two characters")]
    [InlineData("abababababab", "repeats the same one or two characters")]
    [InlineData("sam.jones-is-great", "must not contain your e-mail name")]
    [InlineData("jonesthecarpenter", "must not contain your name")]
    public void Weak_passwords_are_refused_with_the_reason(string password, string reason)
    {
        var reasons = PortalPasswordValidator.Check(password, "sam.jones@example.org", "Sam Jones").ToList();

        Assert.Contains(reasons, r => r.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public void Short_name_parts_are_not_treated_as_the_persons_name()
    {
        // "Al" is too short to matter: "always" must not be refused because of it.
        Assert.Empty(PortalPasswordValidator.Check("always tidy the garden", "a.b@example.org", "Al B"));
    }
}
