namespace SafeguardingPortal.Infrastructure;

/// <summary>
/// The portal's own clock for rules that depend on time (expiry, reminders, retention, reviews).
/// It is separate from the <see cref="TimeProvider"/> that sign-in cookies use, so tests can move
/// the portal forward without signing anyone out.
/// </summary>
public sealed class PortalClock(TimeProvider timeProvider)
{
    public TimeProvider TimeProvider { get; } = timeProvider;

    public DateTimeOffset UtcNow => TimeProvider.GetUtcNow();
}
