using Microsoft.AspNetCore.Components;
using MudBlazor;
using SafeguardingPortal.Features.Activities;
using SafeguardingPortal.Features.Staff;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Sending a consent request from an activity. Who it would reach is worked out by the service before
/// anything is sent; once sent, the dialog follows the e-mails each second until none is waiting, and
/// stops following as soon as it is closed.
/// </summary>
public sealed partial class SendConsentDialog : IDisposable
{
    private readonly CancellationTokenSource following = new();
    private IReadOnlyList<PublishedTemplateOption> forms = [];
    private IReadOnlyList<(int Id, string Name)> staff = [];
    private int? versionId;
    private bool allChildren = true;
    private IReadOnlyCollection<int> selectedChildren = [];
    private IReadOnlyCollection<int> selectedStaff = [];
    private RequestPreview? preview;
    private int previewNumber;
    private bool previewing;
    private bool sending;
    private bool loading = true;
    private SendResult? sent;
    private RequestProgress? progress;
    private IReadOnlyDictionary<string, string> errors = new Dictionary<string, string>();
    private string? formError;
    private string? followError;

    [Inject]
    private ConsentRequestService Requests { get; set; } = default!;

    [Inject]
    private ConsentTemplateService Templates { get; set; } = default!;

    [Inject]
    private StaffService Staff { get; set; } = default!;

    [CascadingParameter]
    private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired]
    public int ActivityId { get; set; }

    [Parameter]
    public IReadOnlyList<EnrolledChild> EnrolledChildren { get; set; } = [];

    private PublishedTemplateOption? Chosen => forms.FirstOrDefault(f => f.VersionId == versionId);

    private double Percent => progress is { Total: > 0 } p ? 100.0 * (p.Sent + p.Failed) / p.Total : 0;

    private string FormLabel(int? id) =>
        forms.FirstOrDefault(f => f.VersionId == id) is { } f ? $"{f.Name}, version {f.Number} ({ConsentDisplay.Describe(f.Audience)})" : "";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            forms = await Templates.PublishedAsync();
            staff = await Staff.PickListAsync();
        }
        catch (PortalAccessDeniedException ex)
        {
            formError = ex.Message;
        }
        finally
        {
            loading = false;
        }
    }

    private async Task FormChangedAsync(int? value)
    {
        versionId = value;
        await PreviewAsync();
    }

    private async Task AllChildrenChangedAsync(bool value)
    {
        allChildren = value;
        await PreviewAsync();
    }

    private async Task ChildrenChangedAsync(IReadOnlyCollection<int> value)
    {
        selectedChildren = value;
        await PreviewAsync();
    }

    private async Task StaffChangedAsync(IReadOnlyCollection<int> value)
    {
        selectedStaff = value;
        await PreviewAsync();
    }

    private SendConsentRequestModel Model() => new()
    {
        ActivityId = ActivityId,
        TemplateVersionId = versionId ?? 0,
        ChildIds = Chosen is { Audience: ConsentAudience.Children } && !allChildren ? [.. selectedChildren] : [],
        StaffMemberIds = Chosen is { Audience: ConsentAudience.Adults } ? [.. selectedStaff] : [],
    };

    /// <summary>Asks the service who the current choice would reach; an older answer arriving late is ignored.</summary>
    private async Task PreviewAsync()
    {
        preview = null;
        errors = new Dictionary<string, string>();
        formError = null;
        if (Chosen is null
            || (Chosen.Audience == ConsentAudience.Children && (EnrolledChildren.Count == 0 || (!allChildren && selectedChildren.Count == 0)))
            || (Chosen.Audience == ConsentAudience.Adults && selectedStaff.Count == 0))
        {
            return;
        }

        var number = ++previewNumber;
        previewing = true;
        try
        {
            var result = await Requests.PreviewAsync(Model(), following.Token);
            if (number == previewNumber)
            {
                preview = result;
            }
        }
        catch (PortalValidationException ex) when (number == previewNumber)
        {
            errors = ex.Errors;
            formError = ex.Errors.GetValueOrDefault("");
        }
        catch (PortalAccessDeniedException ex) when (number == previewNumber)
        {
            formError = ex.Message;
        }
        catch (OperationCanceledException)
        {
            // The dialog closed while working it out.
        }
        finally
        {
            if (number == previewNumber)
            {
                previewing = false;
            }
        }
    }

    private async Task SendAsync()
    {
        sending = true;
        formError = null;
        try
        {
            sent = await Requests.SendAsync(Model());
            _ = FollowAsync(sent.RequestId, following.Token);
        }
        catch (PortalValidationException ex)
        {
            errors = ex.Errors;
            formError = ex.Errors.GetValueOrDefault("") ?? ex.Message;
        }
        catch (PortalAccessDeniedException ex)
        {
            formError = ex.Message;
        }
        finally
        {
            sending = false;
        }
    }

    private async Task FollowAsync(int requestId, CancellationToken ct)
    {
        try
        {
            progress = await Requests.ProgressAsync(requestId, ct);
            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
            while (!progress.IsFinished && await timer.WaitForNextTickAsync(ct))
            {
                progress = await Requests.ProgressAsync(requestId, ct);
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // Closed: nobody is watching any more.
        }
        catch (PortalAccessDeniedException ex)
        {
            followError = ex.Message;
        }

        await InvokeAsync(StateHasChanged);
    }

    public void Dispose()
    {
        following.Cancel();
        following.Dispose();
    }
}
