using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SafeguardingPortal.Features.Children;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;
using SafeguardingPortal.Tests.Infrastructure;
using SafeguardingPortal.Tests.Infrastructure.Audit;

namespace SafeguardingPortal.Tests.Features.People;

/// <summary>CSV import of children with their parents and carers: all or nothing, one audit event.</summary>
public sealed class ChildImportTests : IAsyncLifetime
{
    private static readonly string Header = string.Join(",", ChildImportService.Columns);
    private readonly PortalAppFactory factory = new();
    private PortalUser lead = default!;

    public async ValueTask InitializeAsync() => lead = await factory.CreateUserAsync("lead@example.org", "Lee Lead", PortalRoles.SafeguardingLead);

    public async ValueTask DisposeAsync() => await factory.DisposeAsync();

    private async Task<T> AsLeadAsync<T>(Func<ChildImportService, Task<T>> action)
    {
        await using var scope = await factory.ScopeForAsync(lead);
        return await action(scope.ServiceProvider.GetRequiredService<ChildImportService>());
    }

    private async Task<(int Children, int Parents, int Links)> CountsAsync()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        return (await db.Children.CountAsync(), await db.ParentsCarers.CountAsync(), await db.ChildGuardians.CountAsync());
    }

    [Fact]
    public async Task A_clean_file_imports_every_child_with_their_parents_as_one_audited_action()
    {
        var csv = Header + "\r\n"
            + "Amelia,Jones,14/03/2013,Juniors,,Sarah,Jones,sarah.jones@example.org,07700 900123,Mother,Yes,David,Jones,,07700 900456,Father,Yes\r\n"
            + "Oliver,Jones,2015-06-01,Juniors,,Sarah,Jones,SARAH.JONES@example.org,,Mother,yes,,,,,,\r\n"
            + "\"Zoë\",\"O'Neill, Smith\",01/02/2012,Seniors,zoe@example.org,Tom,O'Neill,tom@example.org,,Father,No,,,,,,\r\n";

        var preview = await AsLeadAsync(s => s.PreviewAsync(csv));
        Assert.True(preview.IsClean, string.Join(" | ", preview.BadRows.SelectMany(r => r.Problems)));
        Assert.Equal((0, 0, 0), await CountsAsync());

        var imported = await AsLeadAsync(s => s.ImportAsync(csv, "spring-intake.csv"));

        Assert.Equal(3, imported);
        // Sarah Jones appears twice with the same e-mail: one record, linked to both children.
        Assert.Equal((3, 3, 4), await CountsAsync());
        var events = await factory.EventsAsync();
        var bulk = Assert.Single(events, e => e.Action == "Bulk" && e.Summary.StartsWith("Imported 3 children", StringComparison.Ordinal));
        Assert.Contains("from spring-intake.csv", bulk.Summary, StringComparison.Ordinal);
        Assert.Contains("\"count\":10", bulk.Changes, StringComparison.Ordinal);
        Assert.DoesNotContain(events, e => e.EntityType == "Child" && e.Action == "Created");
    }

    [Fact]
    public async Task A_file_with_bad_lines_lists_every_one_with_its_reason_and_imports_nothing()
    {
        var csv = Header + "\n"
            + "Amelia,Jones,14/03/2013,Juniors,,Sarah,Jones,sarah@example.org,,Mother,Yes,,,,,,\n"
            + ",Khan,2014-01-01,,,Ayesha,Khan,ayesha@example.org,,Mother,Yes,,,,,,\n"
            + "Noah,Smith,31/02/2014,,,Jo,Smith,not-an-email,,Mother,Maybe,,,,,,\n"
            + "Ivy,Lee,01/01/2015,,,,,,,,,,,,,,\n"
            + "Amelia,Jones,14/03/2013,Juniors,,Sarah,Jones,sarah@example.org,,Mother,Yes,,,,,,\n";

        var preview = await AsLeadAsync(s => s.PreviewAsync(csv));

        Assert.False(preview.IsClean);
        Assert.Equal([3, 4, 5, 6], preview.BadRows.Select(r => r.Line));
        Assert.Contains("Enter the child's first name.", preview.BadRows[0].Problems);
        Assert.Contains("“31/02/2014” is not a date: write it as 14/03/2013.", preview.BadRows[1].Problems);
        Assert.Contains("Parent 1: Enter an e-mail address in the form name@example.org.", preview.BadRows[1].Problems);
        Assert.Contains("Parent 1: parental responsibility must be Yes or No, not “Maybe”.", preview.BadRows[1].Problems);
        Assert.Contains("Give at least one parent or carer (Parent1 columns).", preview.BadRows[2].Problems);
        Assert.Contains("The same child (name and date of birth) appears earlier in the file.", preview.BadRows[3].Problems);

        var refused = await Assert.ThrowsAsync<PortalValidationException>(() => AsLeadAsync(s => s.ImportAsync(csv, "bad.csv")));
        Assert.StartsWith("Nothing was imported: 4 lines have problems.", refused.Message, StringComparison.Ordinal);
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public async Task An_e_mail_address_shared_by_two_parents_or_belonging_to_someone_else_is_a_bad_line()
    {
        await AsLeadAsync(s => s.ImportAsync(Header + "\nAmelia,Jones,14/03/2013,,,Sarah,Jones,sarah@example.org,,Mother,Yes,,,,,,\n", "first.csv"));
        var csv = Header + "\n"
            + "Noah,Khan,01/01/2014,,,Ayesha,Khan,family@example.org,,Mother,Yes,Imran,Khan,family@example.org,,Father,Yes\n"
            + "Ivy,Lee,01/01/2015,,,Helen,Lee,sarah@example.org,,Mother,Yes,,,,,,\n"
            + "Oliver,Jones,01/01/2016,,,Sarah,Jones,SARAH@example.org,,Mother,Yes,,,,,,\n";

        var preview = await AsLeadAsync(s => s.PreviewAsync(csv));

        Assert.Equal([2, 3], preview.BadRows.Select(r => r.Line));
        Assert.Contains("Parent 1 and parent 2 have the same e-mail address: give each their own, or leave one empty.", preview.BadRows[0].Problems);
        Assert.Contains("Parent 1: sarah@example.org belongs to Sarah Jones on the register or earlier in the file. Use the same name to link to them, or a different address.", preview.BadRows[1].Problems);
    }

    [Fact]
    public async Task A_child_already_on_the_register_is_a_bad_line()
    {
        var csv = Header + "\nAmelia,Jones,14/03/2013,,,Sarah,Jones,sarah@example.org,,Mother,Yes,,,,,,\n";
        await AsLeadAsync(s => s.ImportAsync(csv, "first.csv"));

        var again = await AsLeadAsync(s => s.PreviewAsync(csv));

        Assert.Equal("A child with this name and date of birth is already on the register.", Assert.Single(Assert.Single(again.BadRows).Problems));
    }

    [Theory]
    [InlineData("Name,DateOfBirth\nAmelia,2013-03-14\n", "The first line must be the column headings of the template")]
    [InlineData("", "The file is empty.")]
    public async Task A_file_that_is_not_the_template_is_refused_with_a_clear_message(string csv, string message)
    {
        var error = await Assert.ThrowsAsync<PortalValidationException>(() => AsLeadAsync(s => s.PreviewAsync(csv)));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_those_who_manage_people_may_import()
    {
        var manager = await factory.CreateUserAsync("manager@example.org", "Mo Manager", PortalRoles.Manager);
        await using var scope = await factory.ScopeForAsync(manager);
        var csv = Header + "\nAmelia,Jones,14/03/2013,,,Sarah,Jones,sarah@example.org,,Mother,Yes,,,,,,\n";

        await Assert.ThrowsAsync<PortalAccessDeniedException>(() => scope.ServiceProvider.GetRequiredService<ChildImportService>().ImportAsync(csv, "x.csv"));
        Assert.Equal((0, 0, 0), await CountsAsync());
    }

    [Fact]
    public void The_csv_reader_handles_quotes_commas_and_line_breaks_inside_fields()
    {
        var rows = CsvParser.Parse("\uFEFFa,\"b, c\",\"say \"\"hi\"\"\"\r\n\"multi\nline\",,end");

        Assert.Equal(["a", "b, c", "say \"hi\""], rows[0]);
        Assert.Equal(["multi\nline", "", "end"], rows[1]);
    }
}
