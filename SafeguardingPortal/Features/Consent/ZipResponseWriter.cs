using System.IO.Compression;

namespace SafeguardingPortal.Features.Consent;

/// <summary>
/// Writes a ZIP archive to a response as it is built, one file at a time. <see cref="ZipArchive"/>
/// writes some headers synchronously, which the server refuses; here everything goes into a small
/// buffer that is copied to the response asynchronously after each file, so only one file's bytes
/// are held in memory however large the archive grows.
/// </summary>
internal sealed class ZipResponseWriter : IAsyncDisposable
{
    private readonly Stream response;
    private readonly MemoryStream buffer = new();
    private readonly ZipArchive zip;
    private bool completed;

    public ZipResponseWriter(Stream response)
    {
        this.response = response;
        zip = new ZipArchive(new WriteOnlyBuffer(buffer), ZipArchiveMode.Create, leaveOpen: true);
    }

    /// <summary>
    /// The archive's exact size for these files (stored, names in UTF-8), so the download can say how
    /// big it is and the browser can show its progress: per file a 30-byte local header, the name, the
    /// bytes, a 16-byte data descriptor (the archive is written forward-only), and a 46-byte central
    /// directory entry with the name again; then the 22-byte end record. Null when the archive would
    /// need ZIP64 (4 GB, or 65,535 files), whose records differ. A test compares this with real archives.
    /// </summary>
    public static long? PredictLength(IEnumerable<(string Name, long Length)> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        long total = 22;
        var count = 0;
        foreach (var (name, length) in files)
        {
            var nameLength = System.Text.Encoding.UTF8.GetByteCount(name);
            total += 30 + nameLength + length + 16 + 46 + nameLength;
            if (++count >= ushort.MaxValue || length >= uint.MaxValue || total >= uint.MaxValue)
            {
                return null;
            }
        }

        return total;
    }

    /// <summary>Adds one file, stored as it is (PDFs are compressed already, and the archive keeps the issued bytes), then sends it on.</summary>
    public async Task AddAsync(string name, DateTimeOffset modified, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.NoCompression);
        entry.LastWriteTime = modified;
        await using (var stream = entry.Open())
        {
            await stream.WriteAsync(content, ct);
        }

        await DrainAsync(ct);
    }

    /// <summary>Writes the archive's index: only once every file is in, so a download that failed part-way never looks complete.</summary>
    public async Task CompleteAsync(CancellationToken ct)
    {
        zip.Dispose();
        completed = true;
        await DrainAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (!completed)
        {
            // Not completed (an error part-way): no index is written, so the archive is visibly broken.
            buffer.SetLength(0);
        }

        await buffer.DisposeAsync();
    }

    private async Task DrainAsync(CancellationToken ct)
    {
        if (buffer.Length == 0)
        {
            return;
        }

        await response.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct);
        buffer.SetLength(0);
    }

    /// <summary>A forward-only stream over the buffer, so the archive writes as it would to a network stream (it tracks positions itself).</summary>
    private sealed class WriteOnlyBuffer(MemoryStream inner) : Stream
    {
        private long written;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => written; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            written += count;
        }

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            inner.Write(buffer);
            written += buffer.Length;
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
