using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The editor of one consent form's draft, its publishing as a new version, and the versions already
/// published. The draft and the published versions are separate: saving never touches a version.
/// </summary>
public sealed partial class ConsentTemplatePage
{
    private ConsentTemplateDetails? details;
    private ConsentTemplateModel model = NewModel();
    private string savedSnapshot = "";
    private bool hasUnpublishedChanges;
    private bool isArchived;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? formError;
    private string? error;
    private bool loading = true;
    private bool saving;
    private bool staleDraft;
    private List<BreadcrumbItem> breadcrumbs = [];

    [Inject]
    private ConsentTemplateService Templates { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The template's id; none for a new one.</summary>
    [Parameter]
    public int? Id { get; set; }

    private bool IsNew => Id is null;

    /// <summary>The form holds edits that are not yet saved to the draft.</summary>
    private bool IsDirty => !IsNew && Snapshot(model) != savedSnapshot;

    private int NextVersion => (details?.Versions.Count > 0 ? details.Versions.Max(v => v.Number) : 0) + 1;

    /// <summary>Publishing an unchanged draft would only repeat the latest version.</summary>
    private bool CanPublish => hasUnpublishedChanges || IsDirty || details?.Versions.Count == 0;

    private bool Has(string field) => errors.ContainsKey(field);

    private string? Err(string field) => errors.GetValueOrDefault(field);

    protected override async Task OnParametersSetAsync() => await LoadAsync();

    private static ConsentTemplateModel NewModel() => new() { Audience = ConsentAudience.Children, Items = [new ConsentItemModel()] };

    // What the form holds, without the concurrency version: archiving changes the version, not the wording.
    private static string Snapshot(ConsentTemplateModel m) =>
        JsonSerializer.Serialize(new { m.Name, m.Audience, m.Title, m.Introduction, m.ChildIntroduction, m.Items });

    private async Task LoadAsync()
    {
        loading = true;
        errors = new Dictionary<string, string>();
        formError = null;
        staleDraft = false;
        try
        {
            if (IsNew)
            {
                details = null;
                model = NewModel();
                breadcrumbs = [new("Consent forms", "/consent/templates"), new("New", null, disabled: true)];
                return;
            }

            details = await Templates.GetAsync(Id!.Value);
            if (details is not null)
            {
                Show(details);
            }
        }
        catch (PortalAccessDeniedException ex)
        {
            details = null;
            error = ex.Message;
        }
        finally
        {
            loading = false;
        }
    }

    private void Show(ConsentTemplateDetails loaded)
    {
        details = loaded;
        model = loaded.Draft;
        savedSnapshot = Snapshot(model);
        hasUnpublishedChanges = loaded.HasUnpublishedChanges;
        isArchived = loaded.IsArchived;
        breadcrumbs = [new("Consent forms", "/consent/templates"), new(loaded.Draft.Name, null, disabled: true)];
    }

    private void AddItem()
    {
        // A kind not used yet, so the new item does not clash with an existing one.
        var used = model.Items.Select(i => i.Kind).ToHashSet();
        var kind = Enum.GetValues<ConsentItemKind>().FirstOrDefault(k => !used.Contains(k), ConsentItemKind.Other);
        model.Items.Add(new ConsentItemModel { Kind = kind });
        errors = new Dictionary<string, string>();
    }

    private void Move(int index, int by)
    {
        var target = index + by;
        if (target < 0 || target >= model.Items.Count)
        {
            return;
        }

        (model.Items[index], model.Items[target]) = (model.Items[target], model.Items[index]);

        // Errors are keyed by position, so they no longer point at the right item.
        errors = new Dictionary<string, string>();
    }

    private void Remove(int index)
    {
        model.Items.RemoveAt(index);
        errors = new Dictionary<string, string>();
    }

    /// <summary>The same rules the service applies, shown beside the fields before anything is sent.</summary>
    private bool ValidateForm()
    {
        errors = ConsentTemplateValidator.Validate(model);
        formError = errors.Count == 0 ? null : "Some details need attention: see the messages beside the fields.";
        return errors.Count == 0;
    }

    private async Task SaveAsync()
    {
        if (!ValidateForm())
        {
            return;
        }

        saving = true;
        try
        {
            if (IsNew)
            {
                var id = await Templates.CreateAsync(model);
                Snackbar.Add("Saved as a draft. Publish it when it is ready to send.", Severity.Success);
                Navigation.NavigateTo($"/consent/templates/{id}", replace: true);
                return;
            }

            model.Version = await Templates.UpdateDraftAsync(Id!.Value, model);
            savedSnapshot = Snapshot(model);
            hasUnpublishedChanges = true;
            breadcrumbs = [new("Consent forms", "/consent/templates"), new(model.Name, null, disabled: true)];
            details = details! with { Draft = model, HasUnpublishedChanges = true };
            Snackbar.Add("Draft saved. Published versions are unchanged until you publish.", Severity.Success);
        }
        catch (Exception ex) when (ex is PortalValidationException or PortalConcurrencyException or PortalAccessDeniedException)
        {
            Fail(ex);
        }
        finally
        {
            saving = false;
        }
    }

    private async Task PublishAsync()
    {
        if (!ValidateForm())
        {
            return;
        }

        var number = NextVersion;
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Publish as version {number}?",
            $"Version {number} will be fixed exactly as the draft reads now{(IsDirty ? " (your unsaved changes are saved first)" : "")}. A published version never changes, " +
            "so everyone asked with it can always be shown the words they answered. Later edits need publishing as a new version; requests already sent stay on theirs.",
            yesText: $"Publish version {number}",
            cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        saving = true;
        try
        {
            if (IsDirty)
            {
                model.Version = await Templates.UpdateDraftAsync(Id!.Value, model);
                savedSnapshot = Snapshot(model);
            }

            var published = await Templates.PublishAsync(Id!.Value, model.Version);
            Snackbar.Add($"Published as version {published.Number}. Requests can now be sent with it.", Severity.Success);
            var reloaded = await Templates.GetAsync(Id.Value);
            if (reloaded is not null)
            {
                Show(reloaded);
            }
        }
        catch (PortalConcurrencyException ex)
        {
            // Not adopting the newer version: publishing now could fix wording this user has not read.
            formError = ex.Message;
            staleDraft = true;
        }
        catch (Exception ex) when (ex is PortalValidationException or PortalAccessDeniedException)
        {
            Fail(ex);
        }
        finally
        {
            saving = false;
        }
    }

    private async Task ToggleArchivedAsync()
    {
        var archive = !isArchived;
        if (archive && await Dialogs.ShowMessageBoxAsync(
                "Archive this form?",
                "Nobody can be asked with an archived form. Answers already given, and the published versions, are kept. You can restore it later.",
                yesText: "Archive",
                cancelText: "Cancel") != true)
        {
            return;
        }

        saving = true;
        formError = null;
        try
        {
            model.Version = await Templates.SetArchivedAsync(Id!.Value, archive, model.Version);
            isArchived = archive;
            Snackbar.Add(archive ? "Archived. It can no longer be sent." : "Restored. It can be published and sent again.", Severity.Success);
        }
        catch (Exception ex) when (ex is PortalValidationException or PortalConcurrencyException or PortalAccessDeniedException)
        {
            Fail(ex);
        }
        finally
        {
            saving = false;
        }
    }

    private void Fail(Exception ex)
    {
        switch (ex)
        {
            case PortalValidationException invalid:
                errors = invalid.Errors;
                formError = invalid.Errors.GetValueOrDefault("") ?? "Some details need attention: see the messages beside the fields.";
                break;
            case PortalConcurrencyException conflict:
                // Saving again deliberately keeps this user's wording over the other change.
                formError = conflict.Message;
                model.Version = conflict.CurrentVersion ?? model.Version;
                break;
            default:
                formError = ex.Message;
                break;
        }
    }

    private async Task ViewAsync(ConsentVersionRow version)
    {
        var parameters = new DialogParameters<ConsentVersionDialog> { { d => d.VersionId, version.Id } };
        await Dialogs.ShowAsync<ConsentVersionDialog>($"Version {version.Number}", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
    }
}
