using Bunit;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>The policy editor, rendered over the real service and database.</summary>
public sealed class RecordingPolicyComponentsTests : PortalBunitContext
{
    private async Task<RecordingPolicyDetails> DraftAsync()
    {
        await UsePortalAsAsync(PortalRoles.SafeguardingLead, typeof(RecordingPolicyService));
        var service = PortalServices.GetRequiredService<RecordingPolicyService>();
        return (await service.GetAsync(await service.StartDraftAsync()))!;
    }

    [Fact]
    public async Task The_editor_shows_every_section_with_its_label_and_prompt_and_the_roles_as_labelled_choices()
    {
        var draft = await DraftAsync();
        var editor = Render<RecordingPolicyEditor>(p => p.Add(x => x.PolicyId, draft.Id).Add(x => x.Content, draft.Content));
        foreach (var (field, label, prompt) in RecordingPolicyRules.Sections)
        {
            var box = editor.Find($"[data-testid=policy-{field}]");
            Assert.Contains(label, box.TextContent, StringComparison.Ordinal);
            Assert.Contains(prompt, box.TextContent, StringComparison.Ordinal);
        }

        foreach (var role in RecordingPolicyRules.AccessibleRoles)
        {
            Assert.Contains(RecordingPolicyRules.DescribeRole(role), editor.Find($"[data-testid=policy-role-{role}]").TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_empty_section_gets_a_message_beside_it_and_nothing_is_saved()
    {
        var draft = await DraftAsync();
        var editor = Render<RecordingPolicyEditor>(p => p.Add(x => x.PolicyId, draft.Id).Add(x => x.Content, draft.Content));
        editor.Find("[data-testid=policy-Purpose] textarea").Change("");
        editor.Find("[data-testid=policy-role-SafeguardingLead] input").Change(false);
        editor.Find("[data-testid=save-policy]").Click();
        editor.WaitForAssertion(() => Assert.Contains("Fill in “Why we record sessions”.", editor.Find("[data-testid=policy-Purpose]").TextContent, StringComparison.Ordinal));
        Assert.Contains("Name at least one role or person", editor.Find("[data-testid=policy-roles-error]").TextContent, StringComparison.Ordinal);
        var stored = await PortalServices.GetRequiredService<RecordingPolicyService>().GetAsync(draft.Id);
        Assert.Equal(draft.Content.Version, stored!.Content.Version);
    }

    [Fact]
    public async Task Saving_a_written_section_stores_it_and_tells_the_page()
    {
        var draft = await DraftAsync();
        var saved = false;
        var editor = Render<RecordingPolicyEditor>(p => p.Add(x => x.PolicyId, draft.Id).Add(x => x.Content, draft.Content).Add(x => x.OnSaved, () => saved = true));
        editor.Find("[data-testid=policy-Purpose] textarea").Change("To look again at a concern raised in a session.");
        editor.Find("[data-testid=save-policy]").Click();
        editor.WaitForAssertion(() => Assert.True(saved));
        var stored = await PortalServices.GetRequiredService<RecordingPolicyService>().GetAsync(draft.Id);
        Assert.Equal("To look again at a concern raised in a session.", stored!.Content.Purpose);
        Assert.Equal(["Test SafeguardingLead"], stored.Authors);
    }
}
