using System.IO.Compression;
using SafeguardingPortal.Features.Consent;

namespace SafeguardingPortal.Tests.Features.Consent;

/// <summary>The streamed ZIP: its size is known before it is written, exactly, and it reads back whole.</summary>
public sealed class ZipResponseWriterTests
{
    public static TheoryData<int> FileCounts() => [0, 1, 2, 37];

    [Theory]
    [MemberData(nameof(FileCounts))]
    public async Task The_predicted_length_is_the_length_written(int count)
    {
        var random = new Random(count);
        var files = Enumerable.Range(0, count)
            .Select(i => (Name: i % 3 == 0 ? $"consent-C-{i:D4}.pdf" : $"withdrawal-Łukasz-Żółć-{i}.pdf", Content: RandomBytes(random, random.Next(0, 120_000))))
            .ToList();
        using var response = new MemoryStream();

        await using (var writer = new ZipResponseWriter(response))
        {
            foreach (var (name, content) in files)
            {
                await writer.AddAsync(name, DateTimeOffset.UtcNow, content, TestContext.Current.CancellationToken);
            }

            await writer.CompleteAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(response.Length, ZipResponseWriter.PredictLength(files.Select(f => (f.Name, (long)f.Content.Length))));
        response.Position = 0;
        using var zip = new ZipArchive(response, ZipArchiveMode.Read);
        Assert.Equal(files.Select(f => f.Name), zip.Entries.Select(e => e.FullName));
    }

    [Fact]
    public void An_archive_that_would_need_ZIP64_gets_no_predicted_length()
    {
        Assert.Null(ZipResponseWriter.PredictLength([("big.pdf", 5_000_000_000L)]));
        Assert.Null(ZipResponseWriter.PredictLength(Enumerable.Range(0, 70_000).Select(i => ($"{i}.pdf", 10L))));
        Assert.Equal(22 + 30 + 5 + 10 + 16 + 46 + 5, ZipResponseWriter.PredictLength([("a.pdf", 10L)]));
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
