using Bunit;
using SafeguardingPortal.Features.Setup;

namespace SafeguardingPortal.Tests.Features.Setup;

public sealed class SetupFormTests : BunitContext
{
    private SetupModel? submitted;

    private IRenderedComponent<SetupForm> RenderForm(IReadOnlyDictionary<string, string>? errors = null) =>
        Render<SetupForm>(p => p
            .Add(f => f.DefaultOrganisationName, "Configured Charity")
            .Add(f => f.Errors, errors ?? new Dictionary<string, string>())
            .Add(f => f.OnSubmit, (SetupModel m) => submitted = m));

    [Fact]
    public void The_organisation_name_is_prefilled_from_configuration()
    {
        var cut = RenderForm();

        Assert.Equal("Configured Charity", cut.Find("#setup-organisation").GetAttribute("value"));
    }

    [Fact]
    public void Submitting_an_empty_form_says_what_is_missing_next_to_each_field_and_submits_nothing()
    {
        var cut = RenderForm();
        cut.Find("#setup-organisation").Change("");

        cut.Find("form").Submit();

        var messages = cut.FindAll(".field-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Enter your organisation's name.", messages);
        Assert.Contains("Enter your full name.", messages);
        Assert.Contains("Enter your work e-mail address.", messages);
        Assert.Contains("Choose a password.", messages);
        Assert.Null(submitted);
    }

    [Fact]
    public void A_malformed_e_mail_and_mismatched_passwords_are_explained()
    {
        var cut = RenderForm();
        cut.Find("#setup-name").Change("Priya Shah");
        cut.Find("#setup-email").Change("priya at riverside");
        cut.Find("#setup-password").Change("purple elephant marmalade");
        cut.Find("#setup-confirm").Change("purple elephant marmalad");

        cut.Find("form").Submit();

        var messages = cut.FindAll(".field-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Enter an e-mail address in the form name@example.org.", messages);
        Assert.Contains("The two passwords do not match.", messages);
        Assert.Null(submitted);
    }

    [Fact]
    public void A_complete_form_is_handed_to_the_page()
    {
        var cut = RenderForm();
        cut.Find("#setup-name").Change("Priya Shah");
        cut.Find("#setup-email").Change("priya@riverside.example.org");
        cut.Find("#setup-password").Change("purple elephant marmalade");
        cut.Find("#setup-confirm").Change("purple elephant marmalade");

        cut.Find("form").Submit();

        Assert.NotNull(submitted);
        Assert.Equal("priya@riverside.example.org", submitted.Email);
        Assert.Equal("Configured Charity", submitted.OrganisationName);
    }

    [Fact]
    public void Errors_from_the_service_are_shown_next_to_their_fields()
    {
        var cut = RenderForm(new Dictionary<string, string> { ["Password"] = "This password is one of the most commonly used." });

        Assert.Equal("This password is one of the most commonly used.", cut.Find("[data-testid=password-error]").TextContent);
    }
}
