namespace SafeguardingPortal.Infrastructure.Audit;

public static class AuditScopes
{
    /// <summary>
    /// A new service scope (for Identity's scoped managers) whose changes the audit trail attributes
    /// to the same person and address as the caller's.
    /// </summary>
    public static AsyncServiceScope CreateScopeActingAs(this IServiceScopeFactory scopeFactory, AuditActor actor)
    {
        ArgumentNullException.ThrowIfNull(scopeFactory);
        var scope = scopeFactory.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AuditContext>().Set(actor);
        return scope;
    }
}
