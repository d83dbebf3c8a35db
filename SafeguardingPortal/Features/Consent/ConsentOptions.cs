namespace SafeguardingPortal.Features.Consent;

/// <summary>The "Consent" section of appsettings.json.</summary>
public sealed class ConsentOptions
{
    public const string Section = "Consent";

    /// <summary>From this age (on the day a request is sent) a child with an e-mail address is asked too.</summary>
    public int ChildSignerAge { get; set; } = 12;

    /// <summary>How long a signing invitation's links work.</summary>
    public int LinkLifetimeDays { get; set; } = 14;

    public static readonly int[] DefaultReminderDays = [3, 7];

    /// <summary>
    /// Days after the first e-mail on which an unanswered invitation is reminded; <see cref="DefaultReminderDays"/>
    /// when none are configured. Empty here, not the default: the configuration binder appends configured items
    /// to an array it finds filled, so [2] in the settings would have meant reminders on days 3, 7 and 2.
    /// </summary>
    public int[] ReminderDays { get; set; } = [];

    /// <summary>Requests per minute per client address to the public signing and withdrawal pages.</summary>
    public int PublicRequestsPerMinute { get; set; } = 60;

    /// <summary>The largest scan of a paper form accepted, in megabytes.</summary>
    public int MaxScanMegabytes { get; set; } = 10;
}

/// <summary>The "Portal" section: how the portal is reached from outside.</summary>
public sealed class PortalOptions
{
    public const string Section = "Portal";

    /// <summary>
    /// The address people use to reach the portal, e.g. https://safeguarding.example.org. Links in
    /// e-mails are built from it, because reminders are sent outside any web request.
    /// </summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    public string LinkTo(string path) => PublicBaseUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
