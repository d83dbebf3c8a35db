using Microsoft.AspNetCore.Identity;
using SafeguardingPortal.Features.Settings;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Audit;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Setup;

/// <summary>Creates the first administrator, once. There is no default account or password anywhere.</summary>
public sealed class SetupService(
    IServiceScopeFactory scopeFactory,
    FirstRunState firstRun,
    OrganisationSettingsService organisationSettings,
    AuditContext audit,
    PortalClock clock)
{
    // One setup at a time on this instance; the database check inside makes a second attempt fail cleanly.
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task CreateFirstAdministratorAsync(SetupModel model, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        AnnotationValidator.ThrowIfInvalid(model);

        await Gate.WaitAsync(ct);
        try
        {
            if (await firstRun.IsSetupCompleteAsync(ct))
            {
                throw new SetupAlreadyCompleteException();
            }

            await using var scope = scopeFactory.CreateScopeActingAs(audit.Actor);
            var users = scope.ServiceProvider.GetRequiredService<UserManager<PortalUser>>();
            var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();

            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var user = new PortalUser
            {
                UserName = model.Email.Trim(),
                Email = model.Email.Trim(),
                EmailConfirmed = true,
                DisplayName = model.DisplayName.Trim(),
                CreatedAtUtc = clock.UtcNow,
            };

            var created = await users.CreateAsync(user, model.Password);
            if (!created.Succeeded)
            {
                throw new PortalValidationException(AnnotationValidator.ByField(created));
            }

            var roled = await users.AddToRoleAsync(user, PortalRoles.Administrator);
            if (!roled.Succeeded)
            {
                throw new InvalidOperationException(string.Join(" ", roled.Errors.Select(e => e.Description)));
            }

            db.OrganisationSettings.Add(new OrganisationSettings
            {
                Name = model.OrganisationName.Trim(),
                UpdatedAtUtc = clock.UtcNow,
                UpdatedBy = user.Email,
                Version = Guid.NewGuid(),
            });
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            firstRun.MarkComplete();
            organisationSettings.ForgetCached();
        }
        finally
        {
            Gate.Release();
        }
    }
}

public sealed class SetupAlreadyCompleteException() : Exception("The portal has already been set up.");
