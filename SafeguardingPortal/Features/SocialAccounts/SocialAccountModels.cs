namespace SafeguardingPortal.Features.SocialAccounts;

public sealed record SocialAccountQuery
{
    public string? Search { get; init; }

    public int? PlatformId { get; init; }

    public SocialAccountStatus? Status { get; init; }

    public bool ReviewOverdueOnly { get; init; }

    /// <summary>Only accounts this member of staff can use now: "which accounts can this person use?".</summary>
    public int? StaffMemberId { get; init; }

    public string? SortBy { get; init; }

    public bool Descending { get; init; }

    public int Page { get; init; }

    public int PageSize { get; init; } = 25;
}

public sealed record SocialAccountRow(int Id, string Platform, string Handle, string Purpose, string Responsible, SocialAccountStatus Status, DateOnly? NextReviewDue, bool ReviewOverdue, bool ReviewDueSoon, int PeopleWithAccess);

public sealed class SocialAccountModel
{
    public int Id { get; set; }

    public int? PlatformId { get; set; }

    public string Handle { get; set; } = "";

    public string Purpose { get; set; } = "";

    public string Groups { get; set; } = "";

    public int? ResponsibleStaffMemberId { get; set; }

    public string RecoveryEmail { get; set; } = "";

    public bool OwnedByOrganisation { get; set; }

    public int ReviewCycleMonths { get; set; } = SocialAccountRules.DefaultReviewCycleMonths;

    public List<int> ActivityIds { get; set; } = [];

    public Guid? Version { get; set; }
}

public sealed record AccessRow(int Id, int StaffMemberId, string Name, DateOnly GrantedOn, DateOnly? RemovedOn, bool GrantedWithoutCurrentCheck, SafeguardingPortal.Features.Staff.CheckStatus CheckNow);

public sealed record SocialAccountDetails(
    SocialAccountModel Account,
    string Platform,
    int PlatformMinimumAge,
    string Responsible,
    SocialAccountStatus Status,
    string StatusReason,
    string ProposedBy,
    DateTimeOffset ProposedAtUtc,
    string? AuthorisedBy,
    DateTimeOffset? AuthorisedAtUtc,
    SafetyChecklist Checklist,
    DateOnly? NextReviewDue,
    DateTimeOffset? LastReviewedAtUtc,
    bool ReviewOverdue,
    IReadOnlyList<(int Id, string Title)> ActivityTitles,
    string? AgeWarning,
    IReadOnlyList<AccessRow> Access,
    bool CanChange,
    bool CanAuthorise,
    string? CannotAuthoriseBecause);

public sealed record DeclarationRow(int StaffMemberId, string Name, DateOnly? LastDeclaredOn, bool Due);
