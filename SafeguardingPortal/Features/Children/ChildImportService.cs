using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Families;
using SafeguardingPortal.Features.People;
using SafeguardingPortal.Infrastructure;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Identity;
using SafeguardingPortal.Infrastructure.Validation;

namespace SafeguardingPortal.Features.Children;

/// <summary>One line of an import file, with what is wrong with it.</summary>
public sealed record ImportRow(int Line, string Child, IReadOnlyList<string> Problems);

/// <summary>What an import file would do: every line, the bad ones with their reasons.</summary>
public sealed record ImportPreview(IReadOnlyList<ImportRow> Rows, int Parents)
{
    public int Children => Rows.Count;

    public IReadOnlyList<ImportRow> BadRows => Rows.Where(r => r.Problems.Count > 0).ToList();

    public bool IsClean => Rows.Count > 0 && Rows.All(r => r.Problems.Count == 0);
}

/// <summary>
/// Imports children with their parents and carers from a CSV file, all or nothing: a file with any
/// bad line imports nothing. The import is audited as one bulk event with the count and the keys.
/// Parents and carers already on the register (same e-mail address) are linked, not duplicated.
/// </summary>
public sealed class ChildImportService(IDbContextFactory<PortalDbContext> dbFactory, CurrentUser currentUser, PortalClock clock)
{
    public const int MaxBytes = 2 * 1024 * 1024;
    public const int MaxRows = 5_000;

    public static readonly string[] Columns =
    [
        "ChildFirstName", "ChildLastName", "DateOfBirth", "Group", "ChildEmail",
        "Parent1FirstName", "Parent1LastName", "Parent1Email", "Parent1Phone", "Parent1Relationship", "Parent1ParentalResponsibility",
        "Parent2FirstName", "Parent2LastName", "Parent2Email", "Parent2Phone", "Parent2Relationship", "Parent2ParentalResponsibility",
    ];

    public static string Template =>
        string.Join(",", Columns) + "\r\n" +
        "Amelia,Jones,14/03/2013,Juniors,,Sarah,Jones,sarah.jones@example.org,07700 900123,Mother,Yes,David,Jones,,07700 900456,Father,Yes\r\n";

    public async Task<ImportPreview> PreviewAsync(string csv, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "import children");
        var (preview, _) = await AnalyseAsync(csv, ct);
        return preview;
    }

    /// <summary>Imports the file if, and only if, every line is good. Returns the number of children added.</summary>
    public async Task<int> ImportAsync(string csv, string fileName, CancellationToken ct = default)
    {
        await currentUser.DemandAsync(PortalPolicies.CanManagePeople, "import children");
        var (preview, plan) = await AnalyseAsync(csv, ct);
        if (!preview.IsClean)
        {
            throw new PortalValidationException("", $"Nothing was imported: {preview.BadRows.Count} line{(preview.BadRows.Count == 1 ? " has" : "s have")} problems. Correct the file and try again.");
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.AuditBulkDescription = $"Imported {plan.Count} children with their parents and carers from {Path.GetFileName(fileName)}";
        var now = clock.UtcNow;
        var emails = plan.SelectMany(x => x.Parents).Select(p => p.Email.ToUpperInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        var existing = await db.ParentsCarers.Where(p => p.Email != "" && emails.Contains(p.Email.ToUpper())).ToListAsync(ct);
        var byEmail = existing.GroupBy(p => p.Email.ToUpperInvariant()).ToDictionary(g => g.Key, g => g.First());
        foreach (var item in plan)
        {
            var child = item.Child;
            child.CreatedAtUtc = now;
            child.Version = Guid.NewGuid();
            db.Children.Add(child);
            foreach (var p in item.Parents)
            {
                var key = p.Email.ToUpperInvariant();
                if (key.Length == 0 || !byEmail.TryGetValue(key, out var parent))
                {
                    parent = new ParentCarer
                    {
                        FirstName = p.FirstName,
                        LastName = p.LastName,
                        Email = p.Email,
                        Phone = p.Phone,
                        PreferredContact = p.Email.Length > 0 ? PreferredContact.Email : PreferredContact.Phone,
                        CreatedAtUtc = now,
                        Version = Guid.NewGuid(),
                    };
                    db.ParentsCarers.Add(parent);
                    if (key.Length > 0)
                    {
                        byEmail[key] = parent;
                    }
                }

                db.ChildGuardians.Add(new ChildGuardian { Child = child, ParentCarer = parent, Relationship = p.Relationship, HasParentalResponsibility = p.ParentalResponsibility });
            }
        }

        await db.SaveChangesAsync(ct);
        return plan.Count;
    }

    private sealed record ParentPlan(string FirstName, string LastName, string Email, string Phone, string Relationship, bool ParentalResponsibility);

    private sealed record ChildPlan(Child Child, List<ParentPlan> Parents);

    private async Task<(ImportPreview Preview, List<ChildPlan> Plan)> AnalyseAsync(string csv, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(csv))
        {
            throw new PortalValidationException("", "The file is empty.");
        }

        var lines = CsvParser.Parse(csv);
        if (lines.Count == 0 || !lines[0].Select(h => h.Trim()).SequenceEqual(Columns, StringComparer.OrdinalIgnoreCase))
        {
            throw new PortalValidationException("", $"The first line must be the column headings of the template: {string.Join(", ", Columns)}.");
        }

        var data = lines.Skip(1).Select((cells, i) => (Line: i + 2, Cells: cells)).Where(x => x.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (data.Count == 0)
        {
            throw new PortalValidationException("", "The file has headings but no children.");
        }

        if (data.Count > MaxRows)
        {
            throw new PortalValidationException("", $"The file has {data.Count:N0} children; import at most {MaxRows:N0} at a time.");
        }

        var today = clock.Today();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = new List<ImportRow>();
        var plan = new List<ChildPlan>();
        var seen = new HashSet<string>();

        // An e-mail address identifies one parent or carer: who it belongs to on the register or earlier in the file.
        var owners = new Dictionary<string, string>();
        foreach (var (line, cells) in data)
        {
            string Cell(string name) => cells.Count > Array.IndexOf(Columns, name) ? cells[Array.IndexOf(Columns, name)].Trim() : "";
            var problems = new List<string>();
            if (cells.Count > Columns.Length)
            {
                problems.Add($"It has {cells.Count} columns; the template has {Columns.Length}.");
            }

            var model = new ChildModel
            {
                FirstName = Cell("ChildFirstName"),
                LastName = Cell("ChildLastName"),
                Group = Cell("Group"),
                Email = Cell("ChildEmail"),
            };
            var dobText = Cell("DateOfBirth");
            if (TryParseDate(dobText, out var dob))
            {
                model.DateOfBirth = dob;
            }
            else if (dobText.Length > 0)
            {
                problems.Add($"“{dobText}” is not a date: write it as 14/03/2013.");
            }

            problems.AddRange(ChildService.Validate(model, today).Where(e => !(e.Key == nameof(ChildModel.DateOfBirth) && dobText.Length > 0 && model.DateOfBirth is null)).Select(e => e.Value));

            var key = $"{model.FirstName.ToUpperInvariant()}|{model.LastName.ToUpperInvariant()}|{model.DateOfBirth}";
            if (model.DateOfBirth is { } d && problems.Count == 0)
            {
                if (!seen.Add(key))
                {
                    problems.Add("The same child (name and date of birth) appears earlier in the file.");
                }
                else
                {
                    var sameBirthday = await db.Children.AsNoTracking().Where(c => c.DateOfBirth == d).Select(c => new { c.FirstName, c.LastName }).ToListAsync(ct);
                    if (sameBirthday.Any(c => ChildService.SameName(c.FirstName, model.FirstName) && ChildService.SameName(c.LastName, model.LastName)))
                    {
                        problems.Add("A child with this name and date of birth is already on the register.");
                    }
                }
            }

            var parents = new List<ParentPlan>();
            foreach (var n in new[] { 1, 2 })
            {
                var p = new ParentCarerModel { FirstName = Cell($"Parent{n}FirstName"), LastName = Cell($"Parent{n}LastName"), Email = Cell($"Parent{n}Email"), Phone = Cell($"Parent{n}Phone") };
                var relationship = Cell($"Parent{n}Relationship");
                var pr = Cell($"Parent{n}ParentalResponsibility");
                var anything = p.FirstName.Length + p.LastName.Length + p.Email.Length + p.Phone.Length + relationship.Length > 0;
                if (!anything)
                {
                    if (n == 1)
                    {
                        problems.Add("Give at least one parent or carer (Parent1 columns).");
                    }

                    continue;
                }

                p.PreferredContact = p.Email.Length > 0 ? PreferredContact.Email : PreferredContact.Phone;
                problems.AddRange(ParentCarerService.Validate(p).Select(e => $"Parent {n}: {e.Value}"));
                if (relationship.Length == 0)
                {
                    problems.Add($"Parent {n}: say how they are related to the child (e.g. Mother).");
                }

                bool? hasPr = pr.ToUpperInvariant() switch
                {
                    "YES" or "Y" or "TRUE" => true,
                    "NO" or "N" or "FALSE" or "" => false,
                    _ => null,
                };
                if (hasPr is null)
                {
                    problems.Add($"Parent {n}: parental responsibility must be Yes or No, not “{pr}”.");
                }

                if (p.Email.Length > 0)
                {
                    var emailKey = p.Email.ToUpperInvariant();
                    var name = $"{p.FirstName} {p.LastName}";
                    if (parents.Any(other => other.Email.Equals(p.Email, StringComparison.OrdinalIgnoreCase)))
                    {
                        problems.Add("Parent 1 and parent 2 have the same e-mail address: give each their own, or leave one empty.");
                    }
                    else
                    {
                        if (!owners.TryGetValue(emailKey, out var owner))
                        {
                            owner = await db.ParentsCarers.AsNoTracking().Where(x => x.Email.ToUpper() == emailKey)
                                .Select(x => x.FirstName + " " + x.LastName).FirstOrDefaultAsync(ct) ?? name;
                            owners[emailKey] = owner;
                        }

                        if (!ChildService.SameName(owner, name))
                        {
                            problems.Add($"Parent {n}: {p.Email} belongs to {owner} on the register or earlier in the file. Use the same name to link to them, or a different address.");
                        }
                    }
                }

                parents.Add(new ParentPlan(p.FirstName, p.LastName, p.Email, p.Phone, relationship, hasPr == true));
            }

            rows.Add(new ImportRow(line, $"{model.FirstName} {model.LastName}".Trim(), problems));
            if (problems.Count == 0)
            {
                plan.Add(new ChildPlan(new Child
                {
                    FirstName = model.FirstName,
                    LastName = model.LastName,
                    DateOfBirth = model.DateOfBirth!.Value,
                    Group = model.Group,
                    Email = model.Email,
                }, parents));
            }
        }

        return (new ImportPreview(rows, plan.Sum(p => p.Parents.Count)), plan);
    }

    private static bool TryParseDate(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, ["dd/MM/yyyy", "d/M/yyyy", "yyyy-MM-dd"], CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}

/// <summary>A small RFC 4180 reader: quoted fields, doubled quotes, commas and line breaks inside quotes.</summary>
public static class CsvParser
{
    public static List<List<string>> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        text = text.TrimStart('\uFEFF');
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
            }
            else
            {
                field.Append(c);
            }
        }

        if (field.Length > 0 || row.Count > 0)
        {
            row.Add(field.ToString());
            rows.Add(row);
        }

        return rows;
    }
}
