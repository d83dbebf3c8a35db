namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// One thing a signer is asked to agree to in a default consent template, with wording for the adult reader
/// and a simpler version for the child.
/// </summary>
/// <param name="Kind">What the item covers.</param>
/// <param name="Label">Short wording shown next to the tick box.</param>
/// <param name="Explanation">What agreeing means, written for a parent, carer or adult signer.</param>
/// <param name="ChildExplanation">What agreeing means, written for the child.</param>
/// <param name="Required">Whether the signer must agree to this item for the consent to be given.</param>
public sealed record DefaultConsentItem(ConsentItemKind Kind, string Label, string Explanation, string ChildExplanation, bool Required);

/// <summary>
/// A ready-made, activity-independent consent form that an organisation can adopt and adjust. The signing page shows
/// the activity's own details and contact details separately, so the wording here stays generic.
/// </summary>
/// <param name="Name">The template's name in lists.</param>
/// <param name="Audience">Who is asked to consent.</param>
/// <param name="Title">The heading shown on the signing page.</param>
/// <param name="Introduction">Opening text for the parent, carer or adult signer.</param>
/// <param name="ChildIntroduction">Opening text for the child (repeats the adult text for adult templates).</param>
/// <param name="Items">The things the signer is asked to agree to.</param>
public sealed record DefaultConsentTemplate(string Name, ConsentAudience Audience, string Title, string Introduction, string ChildIntroduction, IReadOnlyList<DefaultConsentItem> Items);

/// <summary>
/// The portal's default consent wording: four starter templates and the declarations shown above each kind of signature.
/// </summary>
public static class DefaultConsentTemplates
{
    /// <summary>Shown above the signature of a parent or carer with parental responsibility signing for their child.</summary>
    public const string ParentDeclaration =
        "I am the parent or carer of the child named above and I have parental responsibility for them. "
        + "I have read the information about this activity, including its possible risks, and I have had the chance to ask questions. "
        + "I agree to each item I have ticked, and I understand that I can change my mind at any time.";

    /// <summary>Shown above the signature of a child signing for themselves.</summary>
    public const string ChildDeclaration =
        "I have read about this activity, or someone has read it with me, and I understand what I am saying yes to. "
        + "I am happy with the things I have ticked. "
        + "I know I can change my mind at any time, and I know who to tell if something online worries or upsets me.";

    /// <summary>Shown above the signature of a member of staff, volunteer or contract worker signing for themselves.</summary>
    public const string AdultDeclaration =
        "I have read the information above and I understand why sessions may be recorded or livestreamed and how any recordings will be looked after. "
        + "I agree to each item I have ticked, and I understand that I can withdraw my consent at any time.";

    /// <summary>Short note on how to withdraw consent, shown to every signer.</summary>
    public const string WithdrawalExplanation =
        "You can change your mind at any time. "
        + "To withdraw your consent, use the link in your confirmation e-mail or get in touch with the organisation's safeguarding lead. "
        + "If you withdraw consent to being recorded, any recording that has already been made will be securely deleted in line with our recording policy.";

    /// <summary>The four starter templates, in the order they are offered.</summary>
    public static IReadOnlyList<DefaultConsentTemplate> All { get; } =
    [
        new DefaultConsentTemplate(
            Name: "Taking part in online activities",
            Audience: ConsentAudience.Children,
            Title: "Consent to take part in an online activity",
            Introduction:
                "We would like your child to take part in the online activity described above. "
                + "Please read what the activity involves, including its benefits and possible risks, before you decide. "
                + "You may find it helpful to talk it through with your child, and you are welcome to ask us any questions first. "
                + "Your child will only take part if you agree.",
            ChildIntroduction:
                "We would like you to join in with the online activity described above. "
                + "Please read about it with your parent or carer. "
                + "It's fine to ask questions, and it's fine to say no.",
            Items:
            [
                new DefaultConsentItem(
                    Kind: ConsentItemKind.TakePartOnline,
                    Label: "Take part in this online activity",
                    Explanation:
                        "Your child will join in with the activity online, on the platform named above. "
                        + "The adults running it use accounts and devices approved by the organisation and follow our code of conduct for working with children online. "
                        + "We will remind your child not to share personal details, such as their address or school, and make sure they know who to tell if anything online worries or upsets them.",
                    ChildExplanation:
                        "You will join in with the activity online. "
                        + "The adults running it follow rules to help keep you safe. "
                        + "Never share things like where you live, and tell a trusted adult if anything online worries you.",
                    Required: true),
                new DefaultConsentItem(
                    Kind: ConsentItemKind.Other,
                    Label: "Be contacted through the organisation's official accounts",
                    Explanation:
                        "Between sessions we may need to send your child reminders or updates, such as joining details or a change of time. "
                        + "We will only do this through accounts and group chats that the organisation has approved, never from a staff member's or volunteer's personal account, and messages will only be about the activity. "
                        + "If you say no, we will send these updates to you instead.",
                    ChildExplanation:
                        "We might send you messages about the activity, like reminders. "
                        + "They will only come from our official accounts or group chat, never from someone's own personal account. "
                        + "If someone says they are from us but contacts you another way, tell your parent or carer.",
                    Required: false),
                new DefaultConsentItem(
                    Kind: ConsentItemKind.Other,
                    Label: "Use a camera and microphone during live sessions",
                    Explanation:
                        "In live sessions your child may be invited to turn on their camera and microphone so they can join in more fully. "
                        + "Where possible, they should join from a shared space at home rather than a bedroom, with a plain or blurred background. "
                        + "If you say no, your child can still take part with their camera off, by listening or using the chat.",
                    ChildExplanation:
                        "You might be asked to turn on your camera and microphone. "
                        + "Try to join from a shared room, not your bedroom. "
                        + "If you'd rather keep your camera off, you can still join in.",
                    Required: false),
            ]),

        new DefaultConsentTemplate(
            Name: "Sharing photos and videos",
            Audience: ConsentAudience.Children,
            Title: "Consent to share photos and videos",
            Introduction:
                "Sometimes we would like to share photos or videos from our activities, to celebrate what children have done and to tell others about our work. "
                + "Please tell us separately whether you are happy for photos and for videos of your child to be shared. "
                + "Saying no will not affect your child taking part in any way.",
            ChildIntroduction:
                "Sometimes we like to share photos and videos of our activities. "
                + "You and your parent or carer can choose whether pictures or videos of you are shared. "
                + "Saying no is fine, and you can still join in with everything.",
            Items:
            [
                new DefaultConsentItem(
                    Kind: ConsentItemKind.PhotosShared,
                    Label: "Share photos taken during activities",
                    Explanation:
                        "Photos that include your child may appear in our newsletters, on our website, on our official social media accounts or in printed materials such as leaflets and reports. "
                        + "We will never show your child's name alongside their picture, and we will avoid anything in a photo that could show where they live or go to school. "
                        + "You can withdraw your consent at any time: we will then stop using the photos and remove them from our website and accounts, although we cannot recall copies that have already been printed.",
                    ChildExplanation:
                        "We might put photos of you on our website, on social media or in leaflets. "
                        + "We will never put your name next to them. "
                        + "You can change your mind whenever you like.",
                    Required: false),
                new DefaultConsentItem(
                    Kind: ConsentItemKind.VideosShared,
                    Label: "Share videos taken during activities",
                    Explanation:
                        "Short video clips that include your child may be shown on our website, on our official social media accounts or at events and presentations about our work. "
                        + "We will never show your child's name alongside the video or in its captions, and we will avoid anything that could show where they live or go to school. "
                        + "You can withdraw your consent at any time: we will then stop using the videos and remove them from our website and accounts.",
                    ChildExplanation:
                        "We might show short videos of you on our website, on social media or at events. "
                        + "We will never show your name with them. "
                        + "You can change your mind whenever you like.",
                    Required: false),
            ]),

        new DefaultConsentTemplate(
            Name: "Recording live online sessions",
            Audience: ConsentAudience.Children,
            Title: "Consent to record live online sessions",
            Introduction:
                "Some of our live online sessions may be recorded or livestreamed. "
                + "We only record when there is a clear reason, and we use a recording only for that reason. "
                + "Please read what each item means before you decide. You and your child can change your minds at any time.",
            ChildIntroduction:
                "Sometimes we record our live online sessions. "
                + "We will always tell you first and check that you are happy with it. "
                + "You can change your mind at any time.",
            Items:
            [
                new DefaultConsentItem(
                    Kind: ConsentItemKind.SessionRecorded,
                    Label: "Record live online sessions",
                    Explanation:
                        "We may record a session so that children who miss it can catch up later, or so our team can look back on it and improve how sessions are run. "
                        + "Recordings are made and stored securely by the organisation, never on anyone's personal device, and only the people who need them for that reason (such as session leaders, our safeguarding lead and, for catch-up recordings, children in the same group) can see them. "
                        + "We keep each recording only for as long as our recording policy allows, and then securely delete it. "
                        + "Before every recorded session we will check that your child is comfortable being recorded, and your child needs this consent to join sessions that are recorded.",
                    ChildExplanation:
                        "We might record sessions so people who miss one can catch up, or so we can get better at running them. "
                        + "Recordings are kept safe, only seen by people who need them, and deleted when they are no longer needed. "
                        + "Before each session, we will ask if you are happy to be recorded.",
                    Required: true),
                new DefaultConsentItem(
                    Kind: ConsentItemKind.Livestream,
                    Label: "Appear in livestreams of the activity",
                    Explanation:
                        "Sometimes we may stream part of an activity live, so that others, such as families or other groups, can watch as it happens. "
                        + "Wherever the platform allows, only invited viewers will be able to watch, and we will never show your child's full name or other details that could identify them. "
                        + "Because a livestream happens in real time, anything said or shown is seen straight away and may be saved by the platform. "
                        + "If you say no, your child can still take part without appearing on camera.",
                    ChildExplanation:
                        "A livestream means people can watch the activity as it happens. "
                        + "Anything you say or show is seen straight away, so never share personal things like where you live. "
                        + "If you'd rather not be on camera, that's fine.",
                    Required: false),
            ]),

        new DefaultConsentTemplate(
            Name: "Recording consent for staff, volunteers and contract workers",
            Audience: ConsentAudience.Adults,
            Title: "Consent to be recorded or livestreamed",
            Introduction: AdultIntroduction,
            ChildIntroduction: AdultIntroduction,
            Items:
            [
                new DefaultConsentItem(
                    Kind: ConsentItemKind.SessionRecorded,
                    Label: "Be recorded during live online sessions",
                    Explanation: AdultRecordingExplanation,
                    ChildExplanation: AdultRecordingExplanation,
                    Required: true),
                new DefaultConsentItem(
                    Kind: ConsentItemKind.Livestream,
                    Label: "Appear in livestreams",
                    Explanation: AdultLivestreamExplanation,
                    ChildExplanation: AdultLivestreamExplanation,
                    Required: false),
            ]),
    ];

    private const string AdultIntroduction =
        "Because you lead or support our online sessions, we ask for your written agreement before you appear in a recording or livestream. "
        + "Please read what each item below means before you sign. "
        + "You can change your mind at any time.";

    private const string AdultRecordingExplanation =
        "Sessions you lead or support may be recorded, for example so that participants who miss a session can catch up, or so we can look back on it and improve our practice. "
        + "Recordings are made and stored centrally by the organisation, never by individuals on personal devices or accounts, and only the people who need a recording for its stated purpose can see it. "
        + "Each recording is kept only for as long as our recording policy allows and is then securely deleted.";

    private const string AdultLivestreamExplanation =
        "Some activities may be streamed live so that invited viewers can watch as they happen. "
        + "Anything you say or show is seen straight away and may be saved by the platform, so please check what is visible behind you and keep personal details, such as your home address, personal e-mail or phone number, out of view. "
        + "If you say no, we will arrange for you to take part off camera or in sessions that are not streamed.";
}
