namespace SafeguardingPortal.Features.Activities;

public sealed record ActivityRow(int Id, string Title, ActivityKind Kind, string Platform, int MinimumAge, int MaximumAge, DateOnly StartDate, DateOnly? EndDate, string Lead, int Children);

public sealed class ActivityModel
{
    public int Id { get; set; }

    public ActivityKind Kind { get; set; }

    public string Title { get; set; } = "";

    public int? PlatformId { get; set; }

    public string Description { get; set; } = "";

    public string WhyOnline { get; set; } = "";

    public string Benefits { get; set; } = "";

    public string Risks { get; set; } = "";

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public DateOnly? StartDate { get; set; }

    public DateOnly? EndDate { get; set; }

    public int? LeadStaffMemberId { get; set; }

    public Guid? Version { get; set; }
}

/// <summary>A child taking part, with why they may not fit the activity.</summary>
public sealed record EnrolledChild(int ChildId, string Name, DateOnly DateOfBirth, int Age, IReadOnlyList<string> Warnings);

public sealed record SessionRow(int Id, DateTimeOffset StartsAtUtc, int DurationMinutes, int HostStaffMemberId, string Host, bool WillBeRecorded, Guid Version);

public sealed class SessionModel
{
    public int Id { get; set; }

    public int ActivityId { get; set; }

    public DateOnly? Date { get; set; }

    /// <summary>UK local time.</summary>
    public TimeOnly? StartTime { get; set; }

    public int? DurationMinutes { get; set; }

    public int? HostStaffMemberId { get; set; }

    public bool WillBeRecorded { get; set; }

    public Guid? Version { get; set; }
}

public sealed record ActivityDetails(
    ActivityModel Activity,
    string PlatformName,
    int PlatformMinimumAge,
    string LeadName,
    IReadOnlyList<EnrolledChild> Children,
    IReadOnlyList<SessionRow> Sessions,
    bool CanEdit,
    bool CanManageSessions);

public sealed record EnrolmentCandidate(int ChildId, string Name, DateOnly DateOfBirth, int Age);
