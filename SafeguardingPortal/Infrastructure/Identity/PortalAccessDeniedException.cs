namespace SafeguardingPortal.Infrastructure.Identity;

/// <summary>Thrown by a service when the current user may not do what was asked. Nothing has been changed.</summary>
public sealed class PortalAccessDeniedException(string message) : Exception(message);
