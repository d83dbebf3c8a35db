using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// A real SMTP server (SmtpServer) on 127.0.0.1, on a free port, that accepts everything and counts it:
/// messages, recipients, and bytes. The approach of the tests' SmtpTestServer (which benchmarks cannot
/// reference), without keeping or parsing the messages, so the listener costs the measured run little.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly ConcurrentDictionary<string, int> recipients = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<int> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SmtpServer.SmtpServer server;
    private TaskCompletionSource arrived = NewSignal();
    private Task running = Task.CompletedTask;
    private int messages;
    private long bytes;
    private int connections;

    private LoopbackSmtpServer()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-benchmark.localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0)))
            .Build();
        var listeners = new NoDelayEndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref connections);
    }

    public int Port { get; private set; }

    public int MessageCount => Volatile.Read(ref messages);

    public long ByteCount => Interlocked.Read(ref bytes);

    public int ConnectionCount => Volatile.Read(ref connections);

    public int DistinctRecipients => recipients.Count;

    public static async Task<LoopbackSmtpServer> StartAsync()
    {
        var smtp = new LoopbackSmtpServer();
        smtp.running = smtp.server.StartAsync(smtp.stop.Token);
        var first = await Task.WhenAny(smtp.started.Task, smtp.running).WaitAsync(TimeSpan.FromSeconds(10));
        if (first != smtp.started.Task)
        {
            await smtp.running; // Surfaces why the server did not start.
            throw new InvalidOperationException("The loopback SMTP server stopped before it listened.");
        }

        smtp.Port = await smtp.started.Task;
        return smtp;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived (signalled on each arrival, no polling).</summary>
    public async Task WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (messages >= count)
                {
                    return;
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} messages within {timeout}, but {MessageCount} arrived.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // Stopped, as asked.
        }

        stop.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void Add(IMessageTransaction transaction, long length)
    {
        foreach (var to in transaction.To)
        {
            recipients.AddOrUpdate(to.AsAddress(), 1, (_, n) => n + 1);
        }

        Interlocked.Add(ref bytes, length);
        TaskCompletionSource signal;
        lock (gate)
        {
            messages++;
            signal = arrived;
            arrived = NewSignal();
        }

        signal.TrySetResult();
    }

    private sealed class Store(LoopbackSmtpServer owner) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            owner.Add(transaction, buffer.Length);
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>
    /// SmtpServer answers pipelined commands with one write each; with Nagle's algorithm on, each answer after
    /// the first waits for the client's delayed ACK (about 40 ms a message). As in the tests' SmtpTestServer,
    /// Nagle is turned off on the listening socket, which accepted sockets inherit.
    /// </summary>
    private sealed class NoDelayEndpointListenerFactory : EndpointListenerFactory
    {
        private static readonly FieldInfo? TcpListenerField =
            typeof(EndpointListener).GetField("_tcpListener", BindingFlags.NonPublic | BindingFlags.Instance);

        public override IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
        {
            var listener = base.CreateListener(endpointDefinition);
            if (TcpListenerField?.GetValue(listener) is TcpListener tcp)
            {
                tcp.Server.NoDelay = true;
            }
            else
            {
                Console.Error.WriteLine("Warning: could not turn off Nagle on the SMTP listener (SmtpServer changed); delivery will look ~40 ms/message slower.");
            }

            return listener;
        }
    }
}
