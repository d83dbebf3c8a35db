using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace SafeguardingPortal.Tests.EndToEnd;

/// <summary>axe in the browser, with the WCAG 2.2 AA rules the parents' pages must meet.</summary>
public static class Accessibility
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Runs axe on the page as it stands and fails with every violation it finds, in axe's own words.</summary>
    public static async Task AssertWcagAsync(IPage page, string what)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] },

            // Details only for what fails: the passes are not read, and describing them is slow.
            ResultTypes = [ResultType.Violations],
        });
        var violations = (result.Violations ?? []).SelectMany(v => (v.Nodes ?? []).Select(n => (Rule: v, Node: n))).ToList();
        Assert.True(
            violations.Count == 0,
            $"WCAG 2.2 AA violations on {what} ({page.Url}):\n" + string.Join("\n", violations.GroupBy(f => f.Rule).Select(g =>
                $"- {g.Key.Id} ({g.Key.Impact}): {g.Key.Help} <{g.Key.HelpUrl}>\n"
                + string.Join("\n", g.Select(f => $"    at {f.Node.Target}: {f.Node.Html}\n      {Checks(f.Node)}")))));
    }

    private static string Checks(AxeResultNode node) =>
        string.Join(" ", new[] { node.Any, node.All, node.None }.SelectMany(c => c ?? []).Select(c => c.Message));
}
