using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>The effective-consent rules: who must have said yes, and what overrides a yes.</summary>
public sealed class ConsentRulesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<int> MumHasResponsibility = new HashSet<int> { 1 };
    private static readonly IReadOnlySet<int> BothHaveResponsibility = new HashSet<int> { 1, 2 };

    private static AnswerFact Parent(int id, bool given, int minutes = 0, bool withdrawn = false) => new(SignerKind.ParentCarer, id, given, T0.AddMinutes(minutes), withdrawn);

    private static AnswerFact Child(bool given, int minutes = 0, bool withdrawn = false) => new(SignerKind.Child, null, given, T0.AddMinutes(minutes), withdrawn);

    [Fact]
    public void One_parent_with_responsibility_giving_is_effective_when_the_child_was_not_asked()
    {
        var cell = ConsentRules.ForChild([Parent(1, true)], [], MumHasResponsibility);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Given, true), cell);
    }

    [Fact]
    public void A_parent_without_parental_responsibility_does_not_count()
    {
        var cell = ConsentRules.ForChild([Parent(2, true)], [], MumHasResponsibility);
        Assert.False(cell.Effective);
        Assert.Equal(ConsentCellStatus.NotRequested, cell.Status);
    }

    [Fact]
    public void When_the_child_was_asked_their_answer_is_needed_too()
    {
        var waiting = ConsentRules.ForChild([Parent(1, true)], [new PendingFact(SignerKind.Child, Expired: false)], MumHasResponsibility);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Awaiting, false), waiting);

        var lapsed = ConsentRules.ForChild([Parent(1, true)], [new PendingFact(SignerKind.Child, Expired: true)], MumHasResponsibility);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Expired, false), lapsed);

        var both = ConsentRules.ForChild([Parent(1, true), Child(true)], [], MumHasResponsibility);
        Assert.True(both.Effective);
    }

    [Fact]
    public void Anyone_refusing_stops_it_even_when_another_parent_gave_it()
    {
        var cell = ConsentRules.ForChild([Parent(1, true), Parent(2, false)], [], BothHaveResponsibility);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Refused, false), cell);

        var childRefuses = ConsentRules.ForChild([Parent(1, true), Child(false)], [], MumHasResponsibility);
        Assert.Equal(ConsentCellStatus.Refused, childRefuses.Status);
    }

    [Fact]
    public void A_withdrawal_overrides_a_yes_and_shows_as_withdrawn()
    {
        var cell = ConsentRules.ForChild([Parent(1, true, withdrawn: true), Parent(2, true)], [], BothHaveResponsibility);
        Assert.Equal(new ConsentCell(ConsentCellStatus.Withdrawn, false), cell);
    }

    [Fact]
    public void A_later_answer_from_the_same_person_replaces_their_earlier_one()
    {
        var regiven = ConsentRules.ForChild([Parent(1, true, 0, withdrawn: true), Parent(1, true, 60)], [], MumHasResponsibility);
        Assert.True(regiven.Effective);

        var changedMind = ConsentRules.ForChild([Parent(1, true, 0), Parent(1, false, 60)], [], MumHasResponsibility);
        Assert.Equal(ConsentCellStatus.Refused, changedMind.Status);
    }

    [Fact]
    public void Nothing_asked_is_not_requested_and_open_invitations_are_awaiting()
    {
        Assert.Equal(ConsentCell.NotRequested, ConsentRules.ForChild([], [], MumHasResponsibility));
        Assert.Equal(ConsentCellStatus.Awaiting, ConsentRules.ForChild([], [new PendingFact(SignerKind.ParentCarer, false)], MumHasResponsibility).Status);
        Assert.Equal(ConsentCellStatus.Expired, ConsentRules.ForChild([], [new PendingFact(SignerKind.ParentCarer, true)], MumHasResponsibility).Status);
    }

    [Fact]
    public void An_adults_own_latest_answer_decides()
    {
        AnswerFact Adult(bool given, int minutes, bool withdrawn = false) => new(SignerKind.Adult, null, given, T0.AddMinutes(minutes), withdrawn);
        Assert.True(ConsentRules.ForAdult([Adult(true, 0)], []).Effective);
        Assert.Equal(ConsentCellStatus.Withdrawn, ConsentRules.ForAdult([Adult(true, 0, withdrawn: true)], []).Status);
        Assert.Equal(ConsentCellStatus.Refused, ConsentRules.ForAdult([Adult(true, 0), Adult(false, 5)], []).Status);
        Assert.Equal(ConsentCellStatus.Awaiting, ConsentRules.ForAdult([], [new PendingFact(SignerKind.Adult, false)]).Status);
    }
}
