using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure.Identity;

namespace SafeguardingPortal.Tests.Features.Recordings;

public sealed class RecordingPolicyRulesTests
{
    [Fact]
    public void The_default_draft_may_be_saved_but_not_approved_while_it_holds_prompts()
    {
        var draft = RecordingPolicyRules.DefaultDraft();
        Assert.Empty(RecordingPolicyRules.Validate(draft, forApproval: false));
        var errors = RecordingPolicyRules.Validate(draft, forApproval: true);
        Assert.Equal(RecordingPolicyRules.Sections.Select(s => s.Field).Order(), errors.Keys.Order());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(RecordingPolicyRules.MaxRetentionDays, true)]
    [InlineData(RecordingPolicyRules.MaxRetentionDays + 1, false)]
    public void Retention_is_a_whole_number_of_days_within_bounds(int days, bool valid)
    {
        var model = RecordingPolicyServiceTests.Written(Guid.Empty, days);
        Assert.Equal(valid, !RecordingPolicyRules.Validate(model, forApproval: true).ContainsKey(nameof(model.RetentionDays)));
    }

    [Fact]
    public void Access_needs_a_role_or_a_named_person_and_only_roles_from_the_list()
    {
        var model = RecordingPolicyServiceTests.Written(Guid.Empty);
        model.AccessRoles = [];
        Assert.True(RecordingPolicyRules.Validate(model, true).ContainsKey("AccessRoles"));
        model.AccessPeople = [3];
        Assert.Empty(RecordingPolicyRules.Validate(model, true));
        model.AccessRoles = [PortalRoles.Auditor];
        Assert.Equal("Choose roles from the list.", RecordingPolicyRules.Validate(model, true)["AccessRoles"]);
    }

    [Theory]
    [InlineData(RecordingPolicyStatus.Draft, "u1", false)]
    [InlineData(RecordingPolicyStatus.Draft, "u2", false)]
    [InlineData(RecordingPolicyStatus.Draft, "u3", true)]
    [InlineData(RecordingPolicyStatus.Draft, null, false)]
    [InlineData(RecordingPolicyStatus.Active, "u3", false)]
    [InlineData(RecordingPolicyStatus.Superseded, "u3", false)]
    public void Only_a_draft_is_approved_and_never_by_one_of_its_authors(RecordingPolicyStatus status, string? user, bool may) =>
        Assert.Equal(may, RecordingPolicyRules.CannotApprove(status, ["u1", "u2"], user) is null);
}
