using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Tests.Infrastructure.Pdf;

/// <summary>The pooled stream documents are saved into behaves as a MemoryStream does.</summary>
public sealed class PooledBufferStreamTests
{
    [Fact]
    public void Random_writes_seeks_reads_and_truncations_match_a_MemoryStream()
    {
        var random = new Random(20261201);
        using var pooled = new PooledBufferStream(initialCapacity: 16);
        using var reference = new MemoryStream();
        for (var step = 0; step < 2000; step++)
        {
            switch (random.Next(5))
            {
                case 0 or 1:
                    var data = new byte[random.Next(0, 3000)];
                    random.NextBytes(data);
                    pooled.Write(data);
                    reference.Write(data);
                    break;
                case 2:
                    var position = random.Next(0, (int)reference.Length + 50); // sometimes past the end
                    pooled.Position = position;
                    reference.Position = position;
                    break;
                case 3:
                    var wanted = random.Next(0, 4000);
                    var a = new byte[wanted];
                    var b = new byte[wanted];
                    Assert.Equal(reference.Read(b), pooled.Read(a));
                    Assert.Equal(b, a);
                    break;
                default:
                    var length = random.Next(0, (int)reference.Length + 100);
                    pooled.SetLength(length);
                    reference.SetLength(length);
                    break;
            }

            Assert.Equal(reference.Length, pooled.Length);
            Assert.Equal(reference.Position, pooled.Position);
        }

        Assert.Equal(reference.ToArray(), pooled.ToArray());
        pooled.Seek(-10, SeekOrigin.End);
        reference.Seek(-10, SeekOrigin.End);
        Assert.Equal(reference.Position, pooled.Position);
    }

    [Fact]
    public void A_position_before_the_start_is_refused_and_a_disposed_stream_cannot_be_used()
    {
        var stream = new PooledBufferStream();
        stream.Write([1, 2, 3]);
        Assert.Throws<IOException>(() => stream.Seek(-4, SeekOrigin.End));
        Assert.Equal(3, stream.Position);

        stream.Dispose();
        Assert.False(stream.CanRead);
        Assert.Throws<ObjectDisposedException>(() => stream.Write([4]));
        Assert.Throws<ObjectDisposedException>(() => stream.ToArray());
        stream.Dispose(); // twice is harmless: the buffer goes back to the pool once
    }
}
