namespace SafeguardingPortal.Features.Consent;

/// <summary>Where a public request came from, as the server saw it.</summary>
public sealed record LinkEvidence(string IpAddress, string UserAgent);

/// <summary>The outcome of opening an e-mailed link.</summary>
public sealed record LinkOutcome(LinkState State, string? PublicId, DateTimeOffset? SignedAtUtc = null);

/// <summary>What the signing page shows: the form when the link is good, otherwise why not and whom to contact.</summary>
public sealed record SigningView(LinkState State, ConsentPresentation? Presentation, string OrganisationName, string ContactName, string ContactEmail, string ContactPhone, DateTimeOffset? SignedAtUtc, DateTimeOffset? ExpiresAtUtc);

/// <summary>What a signer submitted; every field is checked again here, whatever the page did.</summary>
public sealed class SigningSubmission
{
    /// <summary>Item id → true (give) / false (refuse); a missing item is unanswered.</summary>
    public Dictionary<int, bool> Answers { get; set; } = [];

    public string SignerName { get; set; } = "";

    public string Relationship { get; set; } = "";

    public bool Declaration { get; set; }

    /// <summary>A drawn signature as a PNG data URL ("data:image/png;base64,…"), or empty.</summary>
    public string SignatureDataUrl { get; set; } = "";
}

public sealed record SignOutcome(LinkState State, IReadOnlyDictionary<string, string> Errors, string? Reference, bool AlreadySigned, string? SignerEmail)
{
    public bool Succeeded => State == LinkState.Valid && Errors.Count == 0 && Reference is not null;
}

/// <summary>What the withdrawal page shows.</summary>
public sealed record WithdrawalView(LinkState State, string Reference, string OrganisationName, string ActivityTitle, string SubjectName, string SignerName, DateTimeOffset SignedAtUtc, IReadOnlyList<AnswerSummary> Answers, string ContactName, string ContactEmail, string ContactPhone);

/// <summary>The outcome of a withdrawal through the link; <paramref name="AlreadyRecorded"/> when a repeated post (a double click) found its withdrawal already made.</summary>
public sealed record WithdrawOutcome(LinkState State, IReadOnlyDictionary<string, string> Errors, string? Reference, string Items, bool AlreadyRecorded = false);
