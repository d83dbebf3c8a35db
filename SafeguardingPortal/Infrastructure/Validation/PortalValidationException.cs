namespace SafeguardingPortal.Infrastructure.Validation;

/// <summary>Thrown by a service when input breaks a rule. Each error is keyed by the field it belongs to; nothing has been changed.</summary>
public sealed class PortalValidationException(IReadOnlyDictionary<string, string> errors)
    : Exception(string.Join(" ", errors.Values))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;

    public PortalValidationException(string field, string message)
        : this(new Dictionary<string, string> { [field] = message })
    {
    }
}

/// <summary>
/// Thrown when someone else saved the same record first. Nothing has been changed. The message says
/// what the record holds now; <see cref="CurrentVersion"/> lets the form save again, deliberately,
/// over the other person's change once the user has looked at it.
/// </summary>
public sealed class PortalConcurrencyException(string message, Guid? currentVersion = null) : Exception(message)
{
    public Guid? CurrentVersion { get; } = currentVersion;

    /// <summary>Describes the fields where the saved record now differs from what this user entered.</summary>
    public static PortalConcurrencyException Describe(IEnumerable<(string Label, string? Now, string? Yours)> fields, Guid currentVersion)
    {
        var differences = fields
            .Where(f => !string.Equals(f.Now?.Trim() ?? "", f.Yours?.Trim() ?? "", StringComparison.Ordinal))
            .Select(f => $"{f.Label} is now “{(string.IsNullOrWhiteSpace(f.Now) ? "(empty)" : f.Now)}”")
            .ToList();
        var what = differences.Count == 0 ? "" : $" {string.Join("; ", differences)}.";
        return new PortalConcurrencyException(
            $"Someone else saved this record while you were editing it.{what} Your changes were not saved but are still in the form: check them, then save again to keep yours.",
            currentVersion);
    }
}
