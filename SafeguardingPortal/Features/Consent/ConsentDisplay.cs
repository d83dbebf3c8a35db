using MudBlazor;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The words, colours and icons the staff consent pages use. Colour always comes with a word and an
/// icon, so nothing is told by colour alone.
/// </summary>
public static class ConsentDisplay
{
    public static string Describe(ConsentAudience audience) => audience == ConsentAudience.Adults
        ? "Staff, volunteers and contract workers"
        : "Parents, carers and children";

    public static string Describe(SignerKind signer) => signer switch
    {
        SignerKind.Child => "The child",
        SignerKind.Adult => "For themselves",
        _ => "Parent or carer",
    };

    /// <summary>How a withdrawal reached staff, as a choice in a list.</summary>
    public static string Describe(WithdrawalMethod method) => method switch
    {
        WithdrawalMethod.Link => "Through the e-mailed link",
        WithdrawalMethod.Phone => "Phone call",
        WithdrawalMethod.Letter => "Letter",
        WithdrawalMethod.Email => "E-mail",
        _ => "In person",
    };

    /// <summary>The ways staff can record a withdrawal themselves: the link records its own.</summary>
    public static IReadOnlyList<WithdrawalMethod> StaffMethods { get; } =
        [.. Enum.GetValues<WithdrawalMethod>().Where(m => m != WithdrawalMethod.Link)];

    public static Color ColorOf(ConsentCellStatus status) => status switch
    {
        ConsentCellStatus.Given => Color.Success,
        ConsentCellStatus.Refused or ConsentCellStatus.Withdrawn => Color.Error,
        ConsentCellStatus.Awaiting => Color.Info,
        ConsentCellStatus.Expired => Color.Warning,
        _ => Color.Default,
    };

    public static string IconOf(ConsentCellStatus status) => status switch
    {
        ConsentCellStatus.Given => Icons.Material.Outlined.CheckCircle,
        ConsentCellStatus.Refused => Icons.Material.Outlined.Cancel,
        ConsentCellStatus.Withdrawn => Icons.Material.Outlined.Undo,
        ConsentCellStatus.Awaiting => Icons.Material.Outlined.HourglassEmpty,
        ConsentCellStatus.Expired => Icons.Material.Outlined.TimerOff,
        _ => Icons.Material.Outlined.RemoveCircleOutline,
    };

    /// <summary>An invitation's status as <see cref="ConsentRequestService.InvitationsAsync"/> words it.</summary>
    public static Color ColorOfInvitation(string status) => status switch
    {
        "Answered" => Color.Success,
        "Expired" => Color.Warning,
        "Withdrawn by staff" => Color.Default,
        _ => Color.Info,
    };

    public static string IconOfInvitation(string status) => status switch
    {
        "Answered" => Icons.Material.Outlined.TaskAlt,
        "Expired" => Icons.Material.Outlined.TimerOff,
        "Withdrawn by staff" => Icons.Material.Outlined.Block,
        "Opened" => Icons.Material.Outlined.Drafts,
        _ => Icons.Material.Outlined.HourglassEmpty,
    };

    /// <summary>Whether an invitation can still be answered, so re-sent or withdrawn.</summary>
    public static bool IsOpen(InvitationRow invitation)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        return invitation.Status is not ("Answered" or "Withdrawn by staff");
    }
}
