namespace SafeguardingPortal.Features.Children;

/// <summary>One row of the children list.</summary>
public sealed record ChildRow(int Id, string FirstName, string LastName, string PreferredName, DateOnly DateOfBirth, int Age, string Group, int Guardians, bool HasParentalResponsibility);

/// <summary>The child form: create (Id 0) or edit.</summary>
public sealed class ChildModel
{
    public int Id { get; set; }

    public string FirstName { get; set; } = "";

    public string LastName { get; set; } = "";

    public string PreferredName { get; set; } = "";

    public DateOnly? DateOfBirth { get; set; }

    public string Group { get; set; } = "";

    public string Email { get; set; } = "";

    public string Notes { get; set; } = "";

    public Guid? Version { get; set; }

    public ChildModel Copy() => (ChildModel)MemberwiseClone();
}

public sealed record GuardianLink(int ParentCarerId, string Name, string Email, string Phone, string Relationship, bool HasParentalResponsibility);

public sealed record ChildActivity(int ActivityId, string Title, DateOnly StartDate, DateOnly? EndDate);

/// <summary>Everything the child's page shows.</summary>
public sealed record ChildDetails(ChildModel Child, int Age, IReadOnlyList<GuardianLink> Guardians, IReadOnlyList<ChildActivity> Activities, bool CanEdit);

/// <summary>Another child with the same name and date of birth: probably the same child entered twice.</summary>
public sealed record PossibleDuplicate(int Id, string Name, DateOnly DateOfBirth);
