using SafeguardingPortal.Features.Settings;

namespace SafeguardingPortal.Tests.Features.Settings;

public sealed class OrganisationSettingsValidatorTests
{
    [Fact]
    public void Complete_settings_are_valid()
    {
        var model = new OrganisationSettingsModel
        {
            Name = "Hilltop Swimming Club",
            SafeguardingLeadName = "Jo Patel",
            SafeguardingLeadEmail = "jo.patel@hilltop.example.org",
            SafeguardingLeadPhone = "020 7946 0000",
        };

        Assert.Empty(OrganisationSettingsValidator.Validate(model));
    }

    [Theory]
    [InlineData("jo@localhost")]
    [InlineData("Jo Patel <jo@example.org>")]
    [InlineData("jo@@example.org")]
    public void Odd_e_mail_addresses_are_refused(string email)
    {
        var errors = OrganisationSettingsValidator.Validate(new OrganisationSettingsModel { Name = "Club", SafeguardingLeadEmail = email });

        Assert.True(errors.ContainsKey(nameof(OrganisationSettingsModel.SafeguardingLeadEmail)));
    }

    [Fact]
    public void A_name_longer_than_the_limit_is_refused()
    {
        var errors = OrganisationSettingsValidator.Validate(new OrganisationSettingsModel { Name = new string('x', 201) });

        Assert.Equal("The organisation's name must be 200 characters or fewer.", errors[nameof(OrganisationSettingsModel.Name)]);
    }
}
