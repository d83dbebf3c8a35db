using SafeguardingPortal.Features.SocialAccounts;

namespace SafeguardingPortal.Tests.Features.SocialAccounts;

public sealed class SocialAccountRulesTests
{
    private static SafetyChecklist Complete() => new()
    {
        OwnedByOrganisation = true,
        PrivacySettingsOn = true,
        TwoFactorOn = true,
        RecoveryEmailIsOrganisational = true,
        StrangerMessages = StrangerMessages.Restricted,
    };

    [Fact]
    public void A_complete_checklist_has_no_problems()
    {
        Assert.Empty(SocialAccountRules.Problems(Complete(), "social@riverside.example.org", ageWarning: null));
    }

    [Fact]
    public void A_personal_account_can_never_be_authorised()
    {
        var checklist = Complete();
        checklist.OwnedByOrganisation = false;

        Assert.Equal(["A personal account can never be authorised: confirm the organisation owns this account."],
            SocialAccountRules.Problems(checklist, "social@riverside.example.org", null));
    }

    [Fact]
    public void Every_unconfirmed_item_is_named()
    {
        var problems = SocialAccountRules.Problems(new SafetyChecklist { OwnedByOrganisation = true }, "social@riverside.example.org", null);

        Assert.Equal(4, problems.Count);
        Assert.Contains("Confirm two-factor authentication is turned on.", problems);
    }

    [Theory]
    [InlineData("someone@gmail.com")]
    [InlineData("Someone@Hotmail.co.uk")]
    public void A_personal_webmail_recovery_address_is_refused_even_when_ticked(string email)
    {
        var problems = SocialAccountRules.Problems(Complete(), email, null);

        Assert.Equal([$"{email} is a personal webmail address: use an organisational one for recovery."], problems);
    }

    [Fact]
    public void Activities_admitting_children_below_the_platform_age_need_a_recorded_justification()
    {
        var warning = SocialAccountRules.AgeWarning("Instagram", 13, [("Coding club", 9), ("Youth forum", 13)]);

        Assert.Equal("Instagram is for people aged 13 and over, but “Coding club” admits children from 9.", warning);
        Assert.Contains(SocialAccountRules.Problems(Complete(), "a@org.example.org", warning), p => p.EndsWith("Record why the account may still be used, or change the activities it serves.", StringComparison.Ordinal));
        var justified = Complete();
        justified.AgeJustification = "The account only publishes; children do not follow or message it.";
        Assert.Empty(SocialAccountRules.Problems(justified, "a@org.example.org", warning));
        Assert.Null(SocialAccountRules.AgeWarning("Instagram", 13, [("Youth forum", 13)]));
    }

    [Fact]
    public void Reviews_fall_due_after_the_cycle_and_only_authorised_accounts_are_overdue()
    {
        var authorisedOn = new DateOnly(2026, 5, 31);
        var due = SocialAccountRules.NextReview(authorisedOn, 6);

        Assert.Equal(new DateOnly(2026, 11, 30), due);
        Assert.False(SocialAccountRules.IsReviewOverdue(SocialAccountStatus.Authorised, due, new DateOnly(2026, 11, 30)));
        Assert.True(SocialAccountRules.IsReviewOverdue(SocialAccountStatus.Authorised, due, new DateOnly(2026, 12, 1)));
        Assert.False(SocialAccountRules.IsReviewOverdue(SocialAccountStatus.Suspended, due, new DateOnly(2026, 12, 1)));
    }

    [Theory]
    [InlineData(null, "2026-11-25", true)]
    [InlineData("2025-11-26", "2026-11-25", false)]
    [InlineData("2025-11-25", "2026-11-25", true)]
    public void A_declaration_is_due_a_year_after_the_last(string? last, string today, bool due)
    {
        static DateOnly D(string s) => DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(due, SocialAccountRules.IsDeclarationDue(last is null ? null : D(last), D(today)));
    }
}
