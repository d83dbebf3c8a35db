using SafeguardingPortal.Features.Devices;

namespace SafeguardingPortal.Tests.Features.Devices;

/// <summary>The rules on their own: who may decide, where an authorisation stands on a day, and what a request and a decision must say.</summary>
public sealed class DeviceAuthorisationRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static DeviceRequestModel Complete() => new()
    {
        StaffMemberId = 1,
        DeviceKind = DeviceKind.Tablet,
        DeviceDescription = "Silver iPad with a green cover",
        WhyNoOrganisationalDevice = "No organisational tablet at the outreach site.",
        Purpose = "Sharing worksheets",
        CommunicatesWith = "Homework club",
        AppsAndAccounts = "Google Classroom, club account",
        Viewers = [new DeviceViewerModel { Name = "Lina Manager", HowTheySee = "Co-teacher of the class" }],
        RequestedFrom = Today,
        RequestedUntil = Today.AddMonths(6),
    };

    [Theory]
    [InlineData("requester", "person", "manager", null)]
    [InlineData("manager", "person", "manager", "You made this request, so another senior manager must decide it.")]
    [InlineData("lead", "manager", "manager", "This request is for you, so another senior manager must decide it.")]
    [InlineData("manager", "manager", "manager", "This request is for you, so another senior manager must decide it.")]
    public void Nobody_decides_a_request_they_made_or_that_is_for_them(string requestedBy, string person, string decider, string? expected)
    {
        Assert.Equal(expected, DeviceAuthorisationRules.CannotDecide(DeviceDecision.Requested, requestedBy, person, decider));
    }

    [Fact]
    public void A_decided_request_cannot_be_decided_again_and_nobody_signed_out_decides()
    {
        Assert.Equal("This request has already been approved.", DeviceAuthorisationRules.CannotDecide(DeviceDecision.Approved, "a", "b", "c"));
        Assert.Equal("Sign in as a senior manager to decide requests.", DeviceAuthorisationRules.CannotDecide(DeviceDecision.Requested, "a", "b", null));
    }

    [Fact]
    public void Nobody_decides_a_request_for_their_own_work_address_or_one_whose_wording_they_changed()
    {
        Assert.Equal("This request is for you, so another senior manager must decide it.",
            DeviceAuthorisationRules.CannotDecide(DeviceDecision.Requested, "lead", null, "manager", deciderIsThePerson: true));
        Assert.Equal("You changed this request, so another senior manager must decide it.",
            DeviceAuthorisationRules.CannotDecide(DeviceDecision.Requested, "lead", null, "manager", deciderChangedIt: true));
        Assert.True(DeviceAuthorisationRules.SameAddress(" Mo.Manager@Example.org", [null, "mo.manager@example.org "]));
        Assert.False(DeviceAuthorisationRules.SameAddress("mo.manager@example.org", ["mo@example.org", null]));
        Assert.False(DeviceAuthorisationRules.SameAddress("", [""]));
    }

    [Fact]
    public void A_person_without_a_portal_account_can_still_have_their_request_decided()
    {
        Assert.Null(DeviceAuthorisationRules.CannotDecide(DeviceDecision.Requested, "lead", null, "manager"));
    }

    [Theory]
    [InlineData(DeviceDecision.Requested, 30, 10, false, DeviceAuthorisationState.Requested)]
    [InlineData(DeviceDecision.Declined, 30, 10, false, DeviceAuthorisationState.Declined)]
    [InlineData(DeviceDecision.Revoked, 30, 10, false, DeviceAuthorisationState.Revoked)]
    [InlineData(DeviceDecision.Approved, 30, 10, false, DeviceAuthorisationState.Approved)]
    [InlineData(DeviceDecision.Approved, 30, 0, false, DeviceAuthorisationState.ReviewDue)]
    [InlineData(DeviceDecision.Approved, 30, -5, true, DeviceAuthorisationState.Approved)]
    [InlineData(DeviceDecision.Approved, 0, -5, false, DeviceAuthorisationState.ReviewDue)]
    [InlineData(DeviceDecision.Approved, -1, -20, false, DeviceAuthorisationState.Expired)]
    [InlineData(DeviceDecision.Approved, -1, -20, true, DeviceAuthorisationState.Expired)]
    [InlineData(DeviceDecision.Revoked, -1, -20, false, DeviceAuthorisationState.Revoked)]
    public void The_state_follows_from_the_decision_and_the_dates(DeviceDecision decision, int untilInDays, int reviewInDays, bool reviewed, DeviceAuthorisationState expected)
    {
        var state = DeviceAuthorisationRules.StateOn(decision, Today.AddDays(untilInDays), Today.AddDays(reviewInDays), reviewed ? DateTimeOffset.UnixEpoch : null, Today);

        Assert.Equal(expected, state);
    }

    [Fact]
    public void The_database_filter_agrees_with_the_rule_for_every_state()
    {
        var rows = new List<DeviceAuthorisation>();
        foreach (var decision in Enum.GetValues<DeviceDecision>())
        {
            foreach (var until in new[] { -1, 0, 30 })
            {
                foreach (var review in new[] { -20, 0, 10 })
                {
                    foreach (var reviewed in new[] { false, true })
                    {
                        rows.Add(new DeviceAuthorisation { Id = rows.Count, Decision = decision, ValidUntil = Today.AddDays(until), ReviewOn = Today.AddDays(review), ReviewedAtUtc = reviewed ? DateTimeOffset.UnixEpoch : null });
                    }
                }
            }
        }

        foreach (var state in Enum.GetValues<DeviceAuthorisationState>())
        {
            var filtered = rows.AsQueryable().WhereState(state, Today).Select(a => a.Id).ToList();
            var expected = rows.Where(a => DeviceAuthorisationRules.StateOn(a, Today) == state).Select(a => a.Id).ToList();
            Assert.Equal(expected, filtered);
            Assert.NotEmpty(filtered);
        }
    }

    [Theory]
    [InlineData("Black iPhone 13 in a blue case", false)]
    [InlineData("Samsung Galaxy S23, ends 4821", false)]
    [InlineData("IMEI 356938035643809", true)]
    [InlineData("MacBook serial C02XG0FDH7JY", true)]
    [InlineData("Laptop FVFZK123ABCD", true)]
    [InlineData("IMEI 3569 3803 5643 809", true)]
    [InlineData("35-693803-564380-9", true)]
    [InlineData("Galaxy S23 128GB, black", false)]
    [InlineData("iPhone 15 Pro 256GB", false)]
    public void Serial_numbers_and_IMEIs_are_recognised(string description, bool looksLikeSerial)
    {
        Assert.Equal(looksLikeSerial, DeviceAuthorisationRules.LooksLikeSerialNumber(description));
    }

    [Fact]
    public void A_complete_request_passes_and_an_empty_one_is_told_what_is_missing()
    {
        Assert.Empty(DeviceAuthorisationRules.Validate(Complete(), Today));

        var errors = DeviceAuthorisationRules.Validate(new DeviceRequestModel(), Today);

        Assert.Equal("Choose the member of staff or volunteer who would use the device.", errors["StaffMemberId"]);
        Assert.Equal("Choose the kind of device: phone, tablet or laptop.", errors["DeviceKind"]);
        Assert.Equal("Say why an organisational device cannot be used.", errors["WhyNoOrganisationalDevice"]);
        Assert.Equal("Say which children, groups or activities it will be used to communicate with.", errors["CommunicatesWith"]);
        Assert.Equal("Name the apps or platforms, and the organisation's authorised accounts, that will be used.", errors["AppsAndAccounts"]);
        Assert.Equal("Enter the first day the device would be used.", errors["RequestedFrom"]);
        Assert.Equal("Enter the last day the device would be used.", errors["RequestedUntil"]);
    }

    [Fact]
    public void The_period_asked_for_starts_today_or_later_and_lasts_at_most_a_year()
    {
        var past = Complete();
        past.RequestedFrom = Today.AddDays(-1);
        Assert.Equal("The period cannot start in the past.", DeviceAuthorisationRules.Validate(past, Today)["RequestedFrom"]);

        var backwards = Complete();
        backwards.RequestedUntil = Today.AddDays(-2);
        Assert.Equal("The last day must be on or after the first day.", DeviceAuthorisationRules.Validate(backwards, Today)["RequestedUntil"]);

        var tooLong = Complete();
        tooLong.RequestedUntil = Today.AddMonths(12);
        Assert.StartsWith("Ask for 12 months at most", DeviceAuthorisationRules.Validate(tooLong, Today)["RequestedUntil"], StringComparison.Ordinal);
        tooLong.RequestedUntil = Today.AddMonths(12).AddDays(-1);
        Assert.Empty(DeviceAuthorisationRules.Validate(tooLong, Today));
    }

    [Fact]
    public void Each_person_who_can_see_the_communication_has_a_name_and_a_way_of_seeing_it_and_blank_rows_are_ignored()
    {
        var model = Complete();
        model.Viewers =
        [
            new DeviceViewerModel { Name = "Lina Manager", HowTheySee = "" },
            new DeviceViewerModel(),
            new DeviceViewerModel { Name = "", HowTheySee = "Group chat" },
        ];

        var errors = DeviceAuthorisationRules.Validate(model, Today);

        Assert.Equal("Say how they see the communication, e.g. “copied into every message”.", errors["Viewers[0].HowTheySee"]);
        Assert.Equal("Enter the person's name.", errors["Viewers[2].Name"]);
        Assert.False(errors.ContainsKey("Viewers[1].Name"));

        model.Viewers = [new() { Name = "Lina", HowTheySee = "a" }, new() { Name = "LINA ", HowTheySee = "b" }];
        Assert.Equal("Each person who can see the communication is named once.", DeviceAuthorisationRules.Validate(model, Today)["Viewers"]);
    }

    [Fact]
    public void Approval_needs_someone_who_can_see_the_communication_dates_in_order_and_a_review_within_the_period()
    {
        var approve = new DeviceDecisionModel { Approve = true, ValidFrom = Today, ValidUntil = Today.AddMonths(3), ReviewOn = Today.AddMonths(2) };
        Assert.Empty(DeviceAuthorisationRules.Validate(approve, viewers: 1, Today));
        Assert.StartsWith("A request cannot be approved until it names at least one person who can see the communication.", DeviceAuthorisationRules.Validate(approve, viewers: 0, Today)[""], StringComparison.Ordinal);

        approve.ReviewOn = Today.AddMonths(4);
        Assert.Equal("The review date must fall within the period authorised, before its last day.", DeviceAuthorisationRules.Validate(approve, 1, Today)["ReviewOn"]);
        approve.ReviewOn = approve.ValidUntil;
        Assert.Equal("The review date must fall within the period authorised, before its last day.", DeviceAuthorisationRules.Validate(approve, 1, Today)["ReviewOn"]);
        approve.ReviewOn = Today.AddDays(-1);
        Assert.Equal("The review date cannot be in the past.", DeviceAuthorisationRules.Validate(approve, 1, Today)["ReviewOn"]);
        approve.ReviewOn = Today.AddMonths(2);
        approve.ValidFrom = Today.AddDays(-7);
        Assert.StartsWith("The first day cannot be in the past", DeviceAuthorisationRules.Validate(approve, 1, Today)["ValidFrom"], StringComparison.Ordinal);
        approve.ValidFrom = Today;
        approve.ValidUntil = Today.AddDays(-1);
        Assert.Equal("The last day cannot be in the past.", DeviceAuthorisationRules.Validate(approve, 1, Today)["ValidUntil"]);
        Assert.Equal("Choose whether to approve or decline the request.", DeviceAuthorisationRules.Validate(new DeviceDecisionModel(), 1, Today)["Approve"]);
        Assert.Equal("Say why the request is declined: the requester is told.", DeviceAuthorisationRules.Validate(new DeviceDecisionModel { Approve = false }, 0, Today)["DeclineReason"]);
    }

    [Fact]
    public void Conditions_are_kept_one_per_line_without_bullets_or_blank_lines()
    {
        Assert.Equal(["Group chat only", "No photos stored"], DeviceAuthorisationRules.SplitConditions("• Group chat only\r\n\n - No photos stored \n"));
        Assert.Equal(new DateOnly(2027, 10, 25), DeviceAuthorisationRules.SuggestedReview(Today, new DateOnly(2027, 11, 25)));
        Assert.Equal(new DateOnly(2026, 12, 26), DeviceAuthorisationRules.SuggestedReview(Today, new DateOnly(2027, 1, 25)));
        Assert.Equal(Today.AddDays(5), DeviceAuthorisationRules.SuggestedReview(Today, Today.AddDays(10)));
        Assert.Equal(Today, DeviceAuthorisationRules.SuggestedReview(Today, Today));
        Assert.Equal(Today, DeviceAuthorisationRules.SuggestedReview(Today, Today.AddDays(1)));
    }
}
