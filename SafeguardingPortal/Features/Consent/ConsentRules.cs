namespace SafeguardingPortal.Features.Consent;

/// <summary>What a cell of the consent grid says, always shown as a word (never colour alone).</summary>
public enum ConsentCellStatus
{
    NotRequested = 0,
    Awaiting = 1,
    Expired = 2,
    Given = 3,
    Refused = 4,
    Withdrawn = 5,
}

/// <summary>One signer's answer to one kind of item, as the rules need it.</summary>
/// <param name="Signer">Who answered.</param>
/// <param name="ParentCarerId">For a parent or carer, who.</param>
/// <param name="Given">Given (true) or refused (false).</param>
/// <param name="SignedAtUtc">When; a later answer from the same person replaces an earlier one.</param>
/// <param name="Withdrawn">The answer was given and has since been withdrawn.</param>
public sealed record AnswerFact(SignerKind Signer, int? ParentCarerId, bool Given, DateTimeOffset SignedAtUtc, bool Withdrawn);

/// <summary>An unanswered, unrevoked invitation whose form includes the kind.</summary>
public sealed record PendingFact(SignerKind Signer, bool Expired);

/// <summary>The outcome for one person (child or adult) and one kind of item.</summary>
/// <param name="Status">What to show.</param>
/// <param name="Effective">Whether the activity may go ahead on this item for this person now.</param>
public sealed record ConsentCell(ConsentCellStatus Status, bool Effective)
{
    public static ConsentCell NotRequested { get; } = new(ConsentCellStatus.NotRequested, false);
}

/// <summary>
/// The effective-consent rules. For a child, consent is effective only when at least one parent or
/// carer who holds parental responsibility now has given it, the child has too where the child was
/// asked, and nobody's latest answer refuses or withdraws it. For an adult, their own latest answer
/// decides. A later answer from the same person replaces their earlier one.
/// </summary>
public static class ConsentRules
{
    public static ConsentCell ForChild(IEnumerable<AnswerFact> answers, IEnumerable<PendingFact> pending, IReadOnlySet<int> parentsWithResponsibility)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(pending);
        ArgumentNullException.ThrowIfNull(parentsWithResponsibility);

        // Answers from someone who no longer holds parental responsibility do not count either way.
        var latest = answers
            .Where(a => a.Signer == SignerKind.Child || (a.Signer == SignerKind.ParentCarer && a.ParentCarerId is { } p && parentsWithResponsibility.Contains(p)))
            .GroupBy(a => (a.Signer, a.ParentCarerId))
            .Select(g => g.MaxBy(a => a.SignedAtUtc)!)
            .ToList();
        var waiting = pending.ToList();

        if (latest.Any(a => a.Withdrawn))
        {
            return new ConsentCell(ConsentCellStatus.Withdrawn, false);
        }

        if (latest.Any(a => !a.Given))
        {
            return new ConsentCell(ConsentCellStatus.Refused, false);
        }

        var parentGave = latest.Any(a => a.Signer == SignerKind.ParentCarer);
        var childAnswer = latest.FirstOrDefault(a => a.Signer == SignerKind.Child);
        var childAsked = childAnswer is not null || waiting.Any(p => p.Signer == SignerKind.Child);
        if (parentGave && (!childAsked || childAnswer is not null))
        {
            return new ConsentCell(ConsentCellStatus.Given, true);
        }

        return Outstanding(waiting);
    }

    public static ConsentCell ForAdult(IEnumerable<AnswerFact> answers, IEnumerable<PendingFact> pending)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(pending);
        var latest = answers.Where(a => a.Signer == SignerKind.Adult).MaxBy(a => a.SignedAtUtc);
        return latest switch
        {
            { Withdrawn: true } => new ConsentCell(ConsentCellStatus.Withdrawn, false),
            { Given: false } => new ConsentCell(ConsentCellStatus.Refused, false),
            not null => new ConsentCell(ConsentCellStatus.Given, true),
            null => Outstanding([.. pending]),
        };
    }

    private static ConsentCell Outstanding(List<PendingFact> waiting) =>
        waiting.Any(p => !p.Expired) ? new ConsentCell(ConsentCellStatus.Awaiting, false)
        : waiting.Count > 0 ? new ConsentCell(ConsentCellStatus.Expired, false)
        : ConsentCell.NotRequested;

    /// <summary>The word shown for a status.</summary>
    public static string Describe(ConsentCellStatus status) => status switch
    {
        ConsentCellStatus.Awaiting => "Awaiting",
        ConsentCellStatus.Expired => "Expired",
        ConsentCellStatus.Given => "Given",
        ConsentCellStatus.Refused => "Refused",
        ConsentCellStatus.Withdrawn => "Withdrawn",
        _ => "Not asked",
    };

    /// <summary>Plain words for an item kind.</summary>
    public static string Describe(ConsentItemKind kind) => kind switch
    {
        ConsentItemKind.TakePartOnline => "Take part online",
        ConsentItemKind.PhotosShared => "Photos shared",
        ConsentItemKind.VideosShared => "Videos shared",
        ConsentItemKind.SessionRecorded => "Session recorded",
        ConsentItemKind.Livestream => "Livestream",
        _ => "Other",
    };
}
