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

/// <summary>Thrown when someone else saved the same record first. Nothing has been changed.</summary>
public sealed class PortalConcurrencyException(string message) : Exception(message);
