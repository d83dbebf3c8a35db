using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Audit;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// The budget: an activity's 1,000 consent documents download as one ZIP in under 15 s, with memory that
/// stays flat as the count grows. For each size (250, 500, 1,000, 2,000 by default) a fresh portal gets
/// that many signatures on one activity, each with a real consent record issued by the portal's
/// DocumentIssuer (about 50 KB), then times ConsentRequestService.StreamActivityDocumentsAsync writing
/// through the same ZipResponseWriter the download endpoint uses into a stream that counts and discards
/// the bytes (what the network would take). Live managed memory (after a full collection) is read before
/// and every 100 documents during the run; those pauses are left out of the time.
/// </summary>
internal static class ConsentZip
{
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(string[] args)
    {
        var largest = PortalHost.Option(args, "--documents", 2000);
        int[] sizes = [.. new[] { largest / 8, largest / 4, largest / 2, largest }.Where(n => n > 0).Distinct()];
        Console.WriteLine($"Activity ZIP of issued consent documents, sizes {string.Join(", ", sizes)}; each on a fresh SQLite file");
        var results = new List<(int Count, double Seconds, long Bytes, long LiveBefore, long LivePeak)>();
        foreach (var size in sizes)
        {
            results.Add(await RunOnceAsync(size));
            var r = results[^1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{r.Count,5} documents: ZIP {r.Bytes / (1024.0 * 1024.0):F1} MB in {r.Seconds:F2} s ({r.Count / r.Seconds:F0} documents/s); live managed memory {r.LiveBefore / (1024.0 * 1024.0):F1} MB before, at most {r.LivePeak / (1024.0 * 1024.0):F1} MB while streaming (+{(r.LivePeak - r.LiveBefore) / (1024.0 * 1024.0):F1} MB)"));
        }

        var thousand = results.Where(r => r.Count >= 1000).OrderBy(r => r.Count).FirstOrDefault();
        if (thousand.Count > 0)
        {
            var perThousand = thousand.Seconds * 1000 / thousand.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"1,000 documents: {perThousand:F2} s (budget {Budget.TotalSeconds:F0} s): {(perThousand < Budget.TotalSeconds ? "within budget" : "OVER BUDGET")}"));
        }

        return 0;
    }

    private static async Task<(int Count, double Seconds, long Bytes, long LiveBefore, long LivePeak)> RunOnceAsync(int count)
    {
        var (app, dataDirectory) = await PortalHost.StartAsync(new Dictionary<string, string> { ["Jobs:Enabled"] = "false", ["Email:DeliverInBackground"] = "false" });
        try
        {
            var arrangement = await ConsentArrangement.CreateAsync(app);
            await arrangement.AddFamiliesAsync(count);
            await IssueAsync(app, arrangement, count);

            // Live memory (after a full collection) at the start and every 100 documents while streaming: what the
            // download holds on to. The collections are outside the timed part.
            var start = GC.GetTotalMemory(forceFullCollection: true);
            long peak = start;
            var paused = TimeSpan.Zero;
            var sink = new CountingStream();
            var watch = Stopwatch.StartNew();
            await using (var scope = ConsentArrangement.ScopeFor(app, arrangement.Lead))
            {
                var service = scope.ServiceProvider.GetRequiredService<ConsentRequestService>();
                await using var zip = new ZipResponseWriter(sink);
                var seen = 0;
                var written = await service.StreamActivityDocumentsAsync(arrangement.ActivityId, async (d, ct) =>
                {
                    await zip.AddAsync(d.FileName, d.IssuedAtUtc, d.Bytes, ct);
                    if (++seen % 100 == 0)
                    {
                        var pause = Stopwatch.StartNew();
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: true));
                        paused += pause.Elapsed;
                    }
                });
                if (written != count)
                {
                    throw new InvalidOperationException($"Expected {count} documents in the ZIP, wrote {written}.");
                }

                await zip.CompleteAsync(CancellationToken.None);
            }

            watch.Stop();
            return (count, (watch.Elapsed - paused).TotalSeconds, sink.Written, start, peak);
        }
        finally
        {
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    /// <summary>One signature per enrolled child, each with its consent record issued as signing issues it.</summary>
    private static async Task IssueAsync(WebApplication app, ConsentArrangement arrangement, int count)
    {
        var issuer = app.Services.GetRequiredService<DocumentIssuer>();
        await using var scope = ConsentArrangement.ScopeFor(app, arrangement.Lead);
        var factory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<Infrastructure.Data.PortalDbContext>>();
        List<(int Id, string Name)> children;
        Features.Consent.ConsentTemplateVersion version;
        await using (var db = await factory.CreateDbContextAsync())
        {
            children = [.. (await db.Enrolments.Where(e => e.ActivityId == arrangement.ActivityId).Select(e => new { e.ChildId, e.Child!.FirstName, e.Child.LastName }).ToListAsync())
                .Select(c => (c.ChildId, $"{c.FirstName} {c.LastName}"))];
            version = await db.Set<Features.Consent.ConsentTemplateVersion>().AsNoTracking().Include(v => v.Items).FirstAsync(v => v.Id == arrangement.PhotosVersionId);
        }

        foreach (var batch in children.Take(count).Chunk(100))
        {
            await using var db = await factory.CreateDbContextAsync();
            db.AuditActor = AuditActor.System;
            db.AuditBulkDescription = "Benchmark: signatures with their records";
            var now = DateTimeOffset.UtcNow;
            var signatures = batch.Select(c => new ConsentSignature
            {
                Reference = ConsentWithdrawals.NewReference("C"),
                ActivityId = arrangement.ActivityId,
                TemplateVersionId = version.Id,
                Source = SignatureSource.Paper,
                SignerKind = SignerKind.ParentCarer,
                ChildId = c.Id,
                SubjectName = c.Name,
                SignerName = "Pat " + c.Name.Split(' ')[^1],
                Relationship = "Mother",
                SignedAtUtc = now,
                RecordedBy = "Benchmark",
                PresentedSha256 = version.ContentSha256,
                Answers = [.. version.Items.OrderBy(i => i.Position).Select(i => new ConsentAnswer { TemplateItemId = i.Id, Kind = i.Kind, Label = i.Label, Given = true })],
            }).ToList();
            foreach (var s in signatures)
            {
                s.AnswersSha256 = ConsentPresentation.AnswersSha256(s);
            }

            db.AddRange(signatures);
            await db.SaveChangesAsync();
            foreach (var s in signatures)
            {
                await ConsentDocuments.IssuePaperRecordAsync(db, issuer, s, version, "Benchmark Charity", now, CancellationToken.None);
            }

            await db.SaveChangesAsync();
        }
    }

    /// <summary>Where the ZIP goes: counts the bytes, keeps none.</summary>
    private sealed class CountingStream : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => Written;

        public override long Position { get => Written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Written += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written += buffer.Length;
            return ValueTask.CompletedTask;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
