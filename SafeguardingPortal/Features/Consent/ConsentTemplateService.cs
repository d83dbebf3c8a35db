using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

public sealed record ConsentTemplateRow(int Id, string Name, ConsentAudience Audience, int ItemCount, int LatestVersion, DateTimeOffset? LatestPublishedAtUtc, bool HasUnpublishedChanges, bool IsArchived);

public sealed record ConsentVersionRow(int Id, int Number, DateTimeOffset PublishedAtUtc, string PublishedBy, string ContentSha256, int ItemCount);

public sealed record ConsentTemplateDetails(int Id, ConsentTemplateModel Draft, bool HasUnpublishedChanges, bool IsArchived, IReadOnlyList<ConsentVersionRow> Versions);

public sealed record ConsentVersionItemView(int Id, ConsentItemKind Kind, string Label, string Explanation, string ChildExplanation, bool Required);

public sealed record ConsentVersionView(
    int Id, int TemplateId, string Name, int Number, ConsentAudience Audience, string Title, string Introduction, string ChildIntroduction,
    DateTimeOffset PublishedAtUtc, string PublishedBy, string ContentSha256, string ContentJson, IReadOnlyList<ConsentVersionItemView> Items);

/// <summary>A published version a request can be sent with: each template's latest.</summary>
public sealed record PublishedTemplateOption(int VersionId, string Name, int Number, ConsentAudience Audience, IReadOnlyList<ConsentItemKind> Kinds);

/// <summary>
/// Consent form templates: drafts edited by safeguarding leads and administrators, published as
/// immutable versions. Every version's wording is kept with its SHA-256.
/// </summary>
public sealed class ConsentTemplateService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    private static readonly JsonSerializerOptions CanonicalJson = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<IReadOnlyList<ConsentTemplateRow>> ListAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "view consent templates");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.Set<ConsentTemplate>().AsNoTracking()
            .OrderBy(t => t.IsArchived).ThenBy(t => t.Name)
            .Select(t => new
            {
                t.Id,
                t.Name,
                t.Audience,
                Items = t.Items.Count,
                t.LatestVersionNumber,
                t.HasUnpublishedChanges,
                t.IsArchived,
                Published = db.Set<ConsentTemplateVersion>().Where(v => v.TemplateId == t.Id && v.Number == t.LatestVersionNumber).Select(v => (DateTimeOffset?)v.PublishedAtUtc).FirstOrDefault(),
            })
            .ToListAsync(ct);
        return [.. rows.Select(r => new ConsentTemplateRow(r.Id, r.Name, r.Audience, r.Items, r.LatestVersionNumber, r.Published, r.HasUnpublishedChanges, r.IsArchived))];
    }

    public async Task<ConsentTemplateDetails?> GetAsync(int id, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "view a consent template");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<ConsentTemplate>().AsNoTracking().Include(t => t.Items).FirstOrDefaultAsync(t => t.Id == id, ct);
        if (template is null)
        {
            return null;
        }

        var versions = await db.Set<ConsentTemplateVersion>().AsNoTracking().Where(v => v.TemplateId == id)
            .OrderByDescending(v => v.Number)
            .Select(v => new ConsentVersionRow(v.Id, v.Number, v.PublishedAtUtc, v.PublishedBy, v.ContentSha256, v.Items.Count))
            .ToListAsync(ct);
        return new ConsentTemplateDetails(template.Id, ToModel(template), template.HasUnpublishedChanges, template.IsArchived, versions);
    }

    public async Task<int> CreateAsync(ConsentTemplateModel model, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "create a consent template");
        Validate(model);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await EnsureUniqueNameAsync(db, model.Name, null, ct);
        var now = clock.UtcNow;
        var template = new ConsentTemplate { CreatedAtUtc = now, HasUnpublishedChanges = true };
        Apply(template, model, now);
        db.Add(template);
        await db.SaveChangesAsync(ct);
        return template.Id;
    }

    /// <summary>Saves the draft. Published versions are untouched; the next publish creates a new one.</summary>
    public async Task<Guid> UpdateDraftAsync(int id, ConsentTemplateModel model, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "edit a consent template");
        Validate(model);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<ConsentTemplate>().Include(t => t.Items).FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new PortalValidationException("", "This template no longer exists.");
        await EnsureUniqueNameAsync(db, model.Name, id, ct);
        db.Entry(template).Property(t => t.Version).OriginalValue = model.Version;
        db.RemoveRange(template.Items);
        template.Items.Clear();
        Apply(template, model, clock.UtcNow);
        template.HasUnpublishedChanges = true;
        await db.SaveOrConflictAsync<ConsentTemplate>(current => PortalConcurrencyException.Describe(
            [("The name", current.Name, model.Name), ("The title", current.Title, model.Title)], current.Version), ct);
        return template.Version;
    }

    /// <summary>Publishes the draft as the next version; that version never changes.</summary>
    public async Task<ConsentVersionRow> PublishAsync(int id, Guid version, CancellationToken ct = default)
    {
        var principal = await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "publish a consent template");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<ConsentTemplate>().Include(t => t.Items).FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new PortalValidationException("", "This template no longer exists.");
        if (template.IsArchived)
        {
            throw new PortalValidationException("", "This template is archived. Restore it before publishing.");
        }

        var errors = ConsentTemplateValidator.Validate(ToModel(template));
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }

        db.Entry(template).Property(t => t.Version).OriginalValue = version;
        var now = clock.UtcNow;
        var published = NewVersion(template, now, ConsentWithdrawals.ActorName(principal));
        db.Add(published);
        await db.SaveOrConflictAsync<ConsentTemplate>(current => new PortalConcurrencyException(
            "Someone else changed or published this template while you were looking at it. Reload it, check the wording, then publish.", current.Version), ct);
        return new ConsentVersionRow(published.Id, published.Number, published.PublishedAtUtc, published.PublishedBy, published.ContentSha256, published.Items.Count);
    }

    public async Task<Guid> SetArchivedAsync(int id, bool archived, Guid version, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, archived ? "archive a consent template" : "restore a consent template");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var template = await db.Set<ConsentTemplate>().FirstOrDefaultAsync(t => t.Id == id, ct)
            ?? throw new PortalValidationException("", "This template no longer exists.");
        db.Entry(template).Property(t => t.Version).OriginalValue = version;
        template.IsArchived = archived;
        template.UpdatedAtUtc = clock.UtcNow;
        template.Version = Guid.NewGuid();
        await db.SaveOrConflictAsync<ConsentTemplate>(current => new PortalConcurrencyException("Someone else changed this template first. Reload it and try again.", current.Version), ct);
        return template.Version;
    }

    public async Task<ConsentVersionView?> GetVersionAsync(int versionId, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "view a published consent template");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var v = await db.Set<ConsentTemplateVersion>().AsNoTracking().Include(x => x.Items).FirstOrDefaultAsync(x => x.Id == versionId, ct);
        return v is null ? null : new ConsentVersionView(
            v.Id, v.TemplateId, v.Name, v.Number, v.Audience, v.Title, v.Introduction, v.ChildIntroduction, v.PublishedAtUtc, v.PublishedBy, v.ContentSha256, v.ContentJson,
            [.. v.Items.OrderBy(i => i.Position).Select(i => new ConsentVersionItemView(i.Id, i.Kind, i.Label, i.Explanation, i.ChildExplanation, i.Required))]);
    }

    /// <summary>The latest published version of each template in use, for sending requests.</summary>
    public async Task<IReadOnlyList<PublishedTemplateOption>> PublishedAsync(CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManageConsent, "list published consent templates");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var latest = await db.Set<ConsentTemplateVersion>().AsNoTracking()
            .Where(v => !v.Template!.IsArchived && v.Number == v.Template.LatestVersionNumber)
            .OrderBy(v => v.Name)
            .Select(v => new { v.Id, v.Name, v.Number, v.Audience, Kinds = v.Items.OrderBy(i => i.Position).Select(i => i.Kind).ToList() })
            .ToListAsync(ct);
        return [.. latest.Select(v => new PublishedTemplateOption(v.Id, v.Name, v.Number, v.Audience, v.Kinds))];
    }

    /// <summary>The next version of a template, exactly as its draft reads now; marks the draft as published.</summary>
    internal static ConsentTemplateVersion NewVersion(ConsentTemplate template, DateTimeOffset now, string publishedBy)
    {
        var published = new ConsentTemplateVersion
        {
            TemplateId = template.Id,
            Number = template.LatestVersionNumber + 1,
            Name = template.Name,
            Audience = template.Audience,
            Title = template.Title,
            Introduction = template.Introduction,
            ChildIntroduction = template.ChildIntroduction,
            PublishedAtUtc = now,
            PublishedBy = publishedBy,
            Items = [.. template.Items.OrderBy(i => i.Position).Select((i, n) => new ConsentTemplateVersionItem
            {
                Position = n + 1, Kind = i.Kind, Label = i.Label, Explanation = i.Explanation, ChildExplanation = i.ChildExplanation, Required = i.Required,
            })],
        };
        published.ContentJson = CanonicalContent(published);
        published.ContentSha256 = ConsentPresentation.HashHex(published.ContentJson);
        template.LatestVersionNumber = published.Number;
        template.HasUnpublishedChanges = false;
        template.UpdatedAtUtc = now;
        template.Version = Guid.NewGuid();
        return published;
    }

    /// <summary>The canonical wording of a version: what its SHA-256 covers.</summary>
    public static string CanonicalContent(ConsentTemplateVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return JsonSerializer.Serialize(
            new
            {
                version.Name,
                version.Number,
                Audience = version.Audience.ToString(),
                version.Title,
                version.Introduction,
                version.ChildIntroduction,
                Items = version.Items.OrderBy(i => i.Position).Select(i => new { i.Position, Kind = i.Kind.ToString(), i.Label, i.Explanation, i.ChildExplanation, i.Required }),
            },
            CanonicalJson);
    }

    /// <summary>On first start, the default templates as drafts, ready to publish or adapt.</summary>
    public static async Task EnsureDefaultsAsync(PortalDbContext db, DateTimeOffset now, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.Set<ConsentTemplate>().AnyAsync(ct))
        {
            return;
        }

        foreach (var d in DefaultConsentTemplates.All)
        {
            var template = new ConsentTemplate { CreatedAtUtc = now, HasUnpublishedChanges = true };
            Apply(template, new ConsentTemplateModel
            {
                Name = d.Name,
                Audience = d.Audience,
                Title = d.Title,
                Introduction = d.Introduction,
                ChildIntroduction = d.ChildIntroduction,
                Items = [.. d.Items.Select(i => new ConsentItemModel { Kind = i.Kind, Label = i.Label, Explanation = i.Explanation, ChildExplanation = i.ChildExplanation, Required = i.Required })],
            }, now);
            db.Add(template);
        }

        db.AuditBulkDescription = "Added the default consent templates as drafts";
        await db.SaveChangesAsync(ct);
    }

    private static void Validate(ConsentTemplateModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var errors = ConsentTemplateValidator.Validate(model);
        if (errors.Count > 0)
        {
            throw new PortalValidationException(errors);
        }
    }

    private static async Task EnsureUniqueNameAsync(PortalDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        var trimmed = name.Trim();
        if (await db.Set<ConsentTemplate>().AnyAsync(t => t.Name == trimmed && t.Id != exceptId, ct))
        {
            throw new PortalValidationException(nameof(ConsentTemplateModel.Name), "Another template already has this name. Choose a different one.");
        }
    }

    private static void Apply(ConsentTemplate template, ConsentTemplateModel model, DateTimeOffset now)
    {
        template.Name = model.Name.Trim();
        template.Audience = model.Audience;
        template.Title = model.Title.Trim();
        template.Introduction = model.Introduction.Trim();
        template.ChildIntroduction = (model.ChildIntroduction ?? "").Trim();
        template.Items = [.. model.Items.Select((i, n) => new ConsentTemplateItem
        {
            Position = n + 1, Kind = i.Kind, Label = i.Label.Trim(), Explanation = i.Explanation.Trim(), ChildExplanation = (i.ChildExplanation ?? "").Trim(), Required = i.Required,
        })];
        template.UpdatedAtUtc = now;
        template.Version = Guid.NewGuid();
    }

    private static ConsentTemplateModel ToModel(ConsentTemplate t) => new()
    {
        Name = t.Name,
        Audience = t.Audience,
        Title = t.Title,
        Introduction = t.Introduction,
        ChildIntroduction = t.ChildIntroduction,
        Version = t.Version,
        Items = [.. t.Items.OrderBy(i => i.Position).Select(i => new ConsentItemModel
        {
            Kind = i.Kind, Label = i.Label, Explanation = i.Explanation, ChildExplanation = i.ChildExplanation, Required = i.Required,
        })],
    };
}
