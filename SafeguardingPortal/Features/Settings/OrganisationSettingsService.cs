using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Settings;

/// <summary>Reads and saves the organisation's details. Saving needs <see cref="PortalPolicies.CanManageOrganisationSettings"/>.</summary>
public sealed class OrganisationSettingsService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptions<OrganisationOptions> defaults,
    IMemoryCache cache,
    PortalClock clock,
    CurrentUser currentUser)
{
    private const string CacheKey = "organisation-settings";
    private static readonly TimeSpan CacheLifetime = TimeSpan.FromMinutes(1);

    /// <summary>The organisation's name and safeguarding contact: shown to everyone, including on public pages.</summary>
    public async Task<OrganisationSettingsModel> GetAsync(CancellationToken ct = default)
    {
        if (cache.TryGetValue(CacheKey, out OrganisationSettingsModel? cached) && cached is not null)
        {
            return cached.Copy();
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var saved = await db.OrganisationSettings.AsNoTracking().SingleOrDefaultAsync(ct);
        var model = WithConfigurationDefaults(saved is null ? new OrganisationSettingsModel() : ToModel(saved));
        cache.Set(CacheKey, model, CacheLifetime);
        return model.Copy();
    }

    /// <summary>Drops the cached copy after the settings were written elsewhere (first-run setup).</summary>
    public void ForgetCached() => cache.Remove(CacheKey);

    public async Task<OrganisationSettingsModel> GetForEditAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageOrganisationSettings, "change the organisation's settings");
        cache.Remove(CacheKey);
        return await GetAsync(ct);
    }

    public async Task<OrganisationSettingsModel> SaveAsync(OrganisationSettingsModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageOrganisationSettings, "change the organisation's settings");

        var errors = OrganisationSettingsValidator.Validate(model);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.OrganisationSettings.SingleOrDefaultAsync(ct);
        var isFirstSave = row is null;
        if (row is null)
        {
            if (model.Version is not null)
            {
                throw new PortalConcurrencyException(StaleMessage);
            }

            row = new OrganisationSettings();
            db.OrganisationSettings.Add(row);
        }
        else if (row.Version != model.Version)
        {
            throw new PortalConcurrencyException(StaleMessage);
        }

        row.Name = model.Name.Trim();
        row.SafeguardingLeadName = model.SafeguardingLeadName.Trim();
        row.SafeguardingLeadEmail = model.SafeguardingLeadEmail.Trim();
        row.SafeguardingLeadPhone = model.SafeguardingLeadPhone.Trim();
        row.UpdatedAtUtc = clock.UtcNow;
        row.UpdatedBy = principal.Identity?.Name ?? "";
        row.Version = Guid.NewGuid();

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || isFirstSave)
        {
            // Either the row changed since it was read, or another first save inserted it first.
            throw new PortalConcurrencyException(StaleMessage);
        }

        cache.Remove(CacheKey);
        return ToModel(row);
    }

    private const string StaleMessage =
        "Someone else saved the organisation's settings while you were editing. Your changes were not saved: reload the page to see theirs, then make your changes again.";

    /// <summary>Each field left empty in the database falls back to configuration (appsettings.json, environment).</summary>
    private OrganisationSettingsModel WithConfigurationDefaults(OrganisationSettingsModel model)
    {
        static string Pick(string saved, string configured) => string.IsNullOrWhiteSpace(saved) ? configured.Trim() : saved;
        model.Name = Pick(model.Name, string.IsNullOrWhiteSpace(defaults.Value.Name) ? "Our Organisation" : defaults.Value.Name);
        model.SafeguardingLeadName = Pick(model.SafeguardingLeadName, defaults.Value.SafeguardingLeadName);
        model.SafeguardingLeadEmail = Pick(model.SafeguardingLeadEmail, defaults.Value.SafeguardingLeadEmail);
        model.SafeguardingLeadPhone = Pick(model.SafeguardingLeadPhone, defaults.Value.SafeguardingLeadPhone);
        return model;
    }

    private static OrganisationSettingsModel ToModel(OrganisationSettings row) => new()
    {
        Name = row.Name,
        SafeguardingLeadName = row.SafeguardingLeadName,
        SafeguardingLeadEmail = row.SafeguardingLeadEmail,
        SafeguardingLeadPhone = row.SafeguardingLeadPhone,
        Version = row.Version,
        UpdatedAtUtc = row.UpdatedAtUtc,
        UpdatedBy = row.UpdatedBy,
    };
}
