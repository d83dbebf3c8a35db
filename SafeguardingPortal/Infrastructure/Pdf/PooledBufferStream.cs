using System.Buffers;

namespace SafeguardingPortal.Infrastructure.Pdf;

/// <summary>
/// A seekable, readable and writable in-memory stream whose buffer is borrowed from the shared
/// array pool and given back on dispose. A saved document passes 85 KB while PDFsharp writes and
/// seals it, and a <see cref="MemoryStream"/> would allocate a fresh large-object-heap array for
/// every document; those arrays are what made the runtime run full collections every few documents
/// (docs/decisions/0009). Not thread-safe.
/// </summary>
public sealed class PooledBufferStream(int initialCapacity = 128 * 1024) : Stream
{
    private byte[] store = ArrayPool<byte>.Shared.Rent(initialCapacity);
    private int length;
    private int position;
    private bool disposed;

    public override bool CanRead => !disposed;

    public override bool CanSeek => !disposed;

    public override bool CanWrite => !disposed;

    public override long Length
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return length;
        }
    }

    public override long Position
    {
        get
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            return position;
        }

        set => Seek(value, SeekOrigin.Begin);
    }

    /// <summary>A copy of what was written, sized exactly.</summary>
    public byte[] ToArray()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        return store.AsSpan(0, length).ToArray();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var count = Math.Min(buffer.Length, length - position);
        if (count <= 0)
        {
            return 0;
        }

        store.AsSpan(position, count).CopyTo(buffer);
        position += count;
        return count;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var end = checked(position + buffer.Length);
        EnsureCapacity(end);
        if (position > length)
        {
            // Writing after a seek past the end: the gap reads as zeros.
            store.AsSpan(length, position - length).Clear();
        }

        buffer.CopyTo(store.AsSpan(position));
        position = end;
        length = Math.Max(length, end);
    }

    public override void WriteByte(byte value) => Write([value]);

    public override long Seek(long offset, SeekOrigin origin)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            SeekOrigin.End => length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        if (target is < 0 or > int.MaxValue)
        {
            throw new IOException("The position is outside the stream.");
        }

        position = (int)target;
        return position;
    }

    public override void SetLength(long value)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, int.MaxValue);
        var newLength = (int)value;
        EnsureCapacity(newLength);
        if (newLength > length)
        {
            store.AsSpan(length, newLength - length).Clear();
        }

        length = newLength;
        position = Math.Min(position, length);
    }

    public override void Flush()
    {
    }

    protected override void Dispose(bool disposing)
    {
        if (!disposed)
        {
            disposed = true;
            ArrayPool<byte>.Shared.Return(store);
            store = [];
        }

        base.Dispose(disposing);
    }

    private void EnsureCapacity(int needed)
    {
        if (needed <= store.Length)
        {
            return;
        }

        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(needed, store.Length * 2));
        store.AsSpan(0, length).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(store);
        store = larger;
    }
}
