namespace SafeguardingPortal.Components.Shared;

/// <summary>One named series of a <see cref="PortalBarChart"/>: a whole number for each category, in order.</summary>
public sealed record PortalChartSeries(string Name, IReadOnlyList<int> Values);
