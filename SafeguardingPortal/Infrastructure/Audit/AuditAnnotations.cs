using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace SafeguardingPortal.Infrastructure.Audit;

/// <summary>
/// Marks a property whose value must never be written to the audit trail (free-text notes about a
/// child, safer-recruitment references, drawn signatures): a change is recorded without its values.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class SensitiveDataAttribute : Attribute;

/// <summary>Model annotations read by the audit interceptor.</summary>
public static class AuditAnnotations
{
    /// <summary>On an entity type: its changes are not audited (keys, preferences, the audit trail itself).</summary>
    public const string NotAudited = "Portal:NotAudited";

    /// <summary>On a property: changes are recorded without values.</summary>
    public const string Sensitive = "Portal:Sensitive";

    /// <summary>On a property: changes are not recorded at all (counters and stamps that only add noise).</summary>
    public const string Ignored = "Portal:AuditIgnored";

    public static PropertyBuilder<T> IsSensitive<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Sensitive, true);

    public static PropertyBuilder<T> IsIgnoredByAudit<T>(this PropertyBuilder<T> property) =>
        property.HasAnnotation(Ignored, true);

    /// <summary>Turns [SensitiveData] attributes into the annotation the interceptor reads.</summary>
    public static void ApplySensitiveDataAttributes(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.PropertyInfo?.IsDefined(typeof(SensitiveDataAttribute), inherit: true) == true)
                {
                    property.SetAnnotation(Sensitive, true);
                }
            }
        }
    }
}
