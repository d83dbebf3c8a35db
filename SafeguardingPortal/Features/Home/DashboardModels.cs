namespace SafeguardingPortal.Features.Home;

/// <summary>
/// One number on a card: how many, what they are in words, and the filtered list they come from.
/// <paramref name="ListName"/> names that list for the link's accessible name ("Open the list of …").
/// </summary>
public sealed record DashboardFigure(int Count, string Meaning, string? Href, string ListName);

/// <summary>A card of the home page: its main figure, the words to show when there is nothing to do, and any detail figures.</summary>
public sealed record DashboardCard(string Key, string Title, DashboardFigure Main, string NothingToDo, IReadOnlyList<DashboardFigure> Details)
{
    /// <summary>A short name for the card's bar in the open-actions chart, where the full titles would overlap.</summary>
    public string ChartLabel { get; init; } = Title;

    public bool NothingToDoNow => Main.Count == 0;
}

/// <summary>One step of a new organisation's getting-started checklist, and where to take it.</summary>
public sealed record GettingStartedStep(string Key, string Title, bool Done, string? Href, string Action);

public sealed record GettingStarted(IReadOnlyList<GettingStartedStep> Steps)
{
    public bool IsComplete => Steps.All(s => s.Done);
}
