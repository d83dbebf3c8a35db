using System.Globalization;
using SafeguardingPortal.Components.Shared;
using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Features.Documents;

/// <summary>How documents write times and the portal's terms in words.</summary>
public static class DocumentText
{
    private static readonly CultureInfo Uk = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>UK local time with its zone, e.g. "25 November 2026 at 14:05 (GMT)".</summary>
    public static string UkDateTime(DateTimeOffset utc)
    {
        var local = utc.ToUkTime();
        var zone = local.Offset == TimeSpan.Zero ? "GMT" : "BST";
        return $"{local.ToString("d MMMM yyyy 'at' HH:mm", Uk)} ({zone})";
    }

    /// <summary>UTC to the second, for evidence, e.g. "2026-11-25 14:05:09 UTC".</summary>
    public static string Utc(DateTimeOffset utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The same, date above time, for narrow table columns.</summary>
    public static string UtcOnTwoLines(DateTimeOffset utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'\n'HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Answer(bool given) => given ? "Consent given" : "Consent refused";

    public static string Method(WithdrawalMethod method) => method switch
    {
        WithdrawalMethod.Link => "Online, through the link in the consent confirmation e-mail",
        WithdrawalMethod.Phone => "By phone to the organisation",
        WithdrawalMethod.Letter => "By letter to the organisation",
        WithdrawalMethod.Email => "By e-mail to the organisation",
        WithdrawalMethod.InPerson => "In person, to a member of staff",
        _ => method.ToString(),
    };

    public static string EventName(string kind) => kind switch
    {
        InvitationEventKinds.Created => "Invitation created",
        InvitationEventKinds.Sent => "Invitation e-mail sent",
        InvitationEventKinds.SendFailed => "E-mail could not be sent",
        InvitationEventKinds.ReminderSent => "Reminder e-mail sent",
        InvitationEventKinds.Resent => "Invitation sent again",
        InvitationEventKinds.Opened => "Link opened",
        InvitationEventKinds.Answered => "Form signed",
        InvitationEventKinds.Expired => "Invitation expired",
        InvitationEventKinds.Revoked => "Invitation withdrawn by the organisation",
        _ => kind,
    };
}
