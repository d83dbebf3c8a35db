using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// The consent section of an activity's page. Everyone who can see the activity sees the grid and the
/// invitations; only those allowed to manage consent see the buttons (and the service checks again).
/// </summary>
public sealed partial class ActivityConsentPanel
{
    private ConsentGrid? grid;
    private IReadOnlyList<InvitationRow> invitations = [];
    private ConsentResponseTimeline timeline = ConsentResponseTimeline.Empty;
    private ActivityDocumentsSummary? documents;

    /// <summary>Whether this person may download the signed records (they show the signer's address and browser).</summary>
    private bool canDownload;

    /// <summary>The ZIP's size in words: the browser shows the download's progress against it.</summary>
    private string DocumentsSize => documents is null ? "" : documents.Bytes < 1024 * 1024
        ? $"{Math.Max(1, documents.Bytes / 1024)} KB"
        : $"{documents.Bytes / (1024.0 * 1024.0):0.0} MB";
    private ConsentAudience audience = ConsentAudience.Children;
    private string? nameFilter;
    private ConsentCellStatus? statusFilter;
    private bool canManage;
    private bool loading = true;
    private bool busy;
    private string? error;
    private (int ActivityId, IReadOnlyList<EnrolledChild> Children)? loadedFor;

    [Inject]
    private ConsentRequestService Requests { get; set; } = default!;

    [Inject]
    private CurrentUser Me { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public int ActivityId { get; set; }

    /// <summary>The children the activity page shows as taking part; a new list (after enrolling) reloads the grid.</summary>
    [Parameter]
    public IReadOnlyList<EnrolledChild> EnrolledChildren { get; set; } = [];

    private string ExportHref => string.Create(CultureInfo.InvariantCulture, $"/activities/{ActivityId}/consent/export.csv?audience={audience}");

    private string EmptyGridText => audience == ConsentAudience.Children
        ? "No children are enrolled yet. Add children to the activity, then ask their parents and carers for consent."
        : canManage
            ? "No staff, volunteers or contract workers have been asked yet. Use “Ask for consent” with a form for them."
            : "No staff, volunteers or contract workers have been asked yet.";

    private IEnumerable<ConsentGridRow> VisibleRows => (grid?.Rows ?? [])
        .Where(r => string.IsNullOrWhiteSpace(nameFilter) || r.Name.Contains(nameFilter.Trim(), StringComparison.OrdinalIgnoreCase))
        .Where(r => statusFilter is null || r.Cells.Values.Any(c => c.Status == statusFilter));

    protected override async Task OnParametersSetAsync()
    {
        if (loadedFor is { } last && last.ActivityId == ActivityId && ReferenceEquals(last.Children, EnrolledChildren))
        {
            return;
        }

        loadedFor = (ActivityId, EnrolledChildren);
        canManage = await Me.IsAllowedAsync(PortalPolicies.CanManageConsent);
        canDownload = await Me.IsAllowedAsync(PortalPolicies.CanViewPeople);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        error = null;
        try
        {
            grid = await Requests.GridAsync(ActivityId, audience);
            invitations = await Requests.InvitationsAsync(ActivityId);
            timeline = await Requests.ResponseTimelineAsync(ActivityId);
            documents = canDownload ? await Requests.ActivityDocumentsSummaryAsync(ActivityId) : null;
        }
        catch (PortalAccessDeniedException ex)
        {
            error = ex.Message;
        }
        finally
        {
            loading = false;
        }
    }

    private async Task AudienceChangedAsync(ConsentAudience value)
    {
        audience = value;
        try
        {
            grid = await Requests.GridAsync(ActivityId, audience);
        }
        catch (PortalAccessDeniedException ex)
        {
            error = ex.Message;
        }
    }

    private async Task AskAsync()
    {
        var parameters = new DialogParameters<SendConsentDialog> { { d => d.ActivityId, ActivityId }, { d => d.EnrolledChildren, EnrolledChildren } };
        var dialog = await Dialogs.ShowAsync<SendConsentDialog>("Ask for consent", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        var result = await dialog.Result;
        if (result is { Canceled: false, Data: SendResult sent })
        {
            Snackbar.Add($"{sent.Invitations} invitation{(sent.Invitations == 1 ? "" : "s")} sent.", Severity.Success);
        }

        // Whatever happened in the dialog (it may have sent, then been closed), show what is there now.
        await LoadAsync();
    }

    private async Task RecordPaperAsync()
    {
        var parameters = new DialogParameters<PaperConsentDialog> { { d => d.ActivityId, ActivityId }, { d => d.EnrolledChildren, EnrolledChildren } };
        var dialog = await Dialogs.ShowAsync<PaperConsentDialog>("Record a paper consent form", parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, BackdropClick = false });
        if (await dialog.Result is { Canceled: false, Data: string reference })
        {
            Snackbar.Add($"Paper consent recorded ({reference}).", Severity.Success);
            await LoadAsync();
        }
    }

    private async Task ResendAsync(InvitationRow row)
    {
        if (await Dialogs.ShowMessageBoxAsync(
                $"Re-send to {row.RecipientName}?",
                "A new e-mail goes with a new link. Links in earlier e-mails stop working and the time to answer starts again.",
                yesText: "Re-send",
                cancelText: "Cancel") != true)
        {
            return;
        }

        await RunAsync(() => Requests.ResendAsync(row.Id, row.Version), $"Sent again to {row.RecipientName}.");
    }

    private async Task RevokeAsync(InvitationRow row)
    {
        var parameters = new DialogParameters<RevokeInvitationDialog> { { d => d.Invitation, row } };
        var dialog = await Dialogs.ShowAsync<RevokeInvitationDialog>("Withdraw the invitation", parameters, new DialogOptions { MaxWidth = MaxWidth.Small, FullWidth = true });
        if (await dialog.Result is { Canceled: false })
        {
            Snackbar.Add($"The invitation to {row.RecipientName} is withdrawn; its link no longer works.", Severity.Success);
            await LoadAsync();
        }
    }

    private Task RetryAsync(InvitationRow row) =>
        RunAsync(() => Requests.RetryEmailAsync(row.LastEmailId!.Value), $"Trying the e-mail to {row.RecipientName} again now.");

    private async Task RunAsync(Func<Task> action, string done)
    {
        busy = true;
        error = null;
        try
        {
            await action();
            Snackbar.Add(done, Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is PortalValidationException or PortalConcurrencyException or PortalAccessDeniedException)
        {
            error = ex.Message;
            if (ex is PortalConcurrencyException)
            {
                await LoadAsync();
                error = ex.Message;
            }
        }
        finally
        {
            busy = false;
        }
    }
}
