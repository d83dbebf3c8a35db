using Bunit;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Recordings;
using SafeguardingPortal.Tests.Infrastructure;

namespace SafeguardingPortal.Tests.Features.Recordings;

/// <summary>The coverage panel: consent as words, who is missing, and where the host says how each was left out.</summary>
public sealed class RecordingCoveragePanelTests : PortalBunitContext
{
    private static Coverage Mixed() => new(
    [
        new CoverageLine(1, null, "Ada Adams", "Child", new ConsentCell(ConsentCellStatus.Given, true)),
        new CoverageLine(2, null, "Ben Brown", "Child", new ConsentCell(ConsentCellStatus.Withdrawn, false)),
        new CoverageLine(null, 7, "Sam Host", "Volunteer", new ConsentCell(ConsentCellStatus.Awaiting, false)),
    ]);

    [Fact]
    public async Task It_names_who_is_missing_shows_each_status_as_a_word_and_asks_how_only_they_were_left_out()
    {
        await UsePortalAsAsync("SafeguardingLead");
        var excluded = new List<ExclusionModel>();
        var panel = Render<RecordingCoveragePanel>(p => p.Add(x => x.Coverage, Mixed()).Add(x => x.Excluded, excluded));
        Assert.Contains("Consent to recording is not in place for Ben Brown, Sam Host.", panel.Find("[data-testid=coverage-missing]").TextContent, StringComparison.Ordinal);
        var lines = panel.FindAll("[data-testid=coverage-line]");
        Assert.Equal(3, lines.Count);
        Assert.Contains("Given", lines[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Withdrawn", lines[1].TextContent, StringComparison.Ordinal);
        Assert.Contains("Awaiting", lines[2].TextContent, StringComparison.Ordinal);
        Assert.Equal(2, panel.FindAll("[data-testid=exclusion-note]").Count);
        Assert.Contains("How Ben Brown was left out", lines[1].TextContent, StringComparison.Ordinal);

        panel.FindAll("[data-testid=exclusion-note]")[0].Change("Camera off");
        var only = Assert.Single(excluded);
        Assert.Equal((2, (int?)null, "Camera off"), (only.ChildId, only.StaffMemberId, only.Note));
    }

    [Fact]
    public async Task Full_coverage_says_so_and_asks_for_no_exclusions()
    {
        await UsePortalAsAsync("SafeguardingLead");
        var panel = Render<RecordingCoveragePanel>(p => p.Add(x => x.Coverage, new Coverage([new CoverageLine(1, null, "Ada Adams", "Child", new ConsentCell(ConsentCellStatus.Given, true))])).Add(x => x.Excluded, []));
        Assert.Contains("Everyone taking part has consented", panel.Find("[data-testid=coverage-full]").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid=exclusion-note]"));
    }
}
