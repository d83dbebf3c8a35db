using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.ComponentModel;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace SafeguardingPortal.Tests.Infrastructure.Email;

/// <summary>
/// A real SMTP server on 127.0.0.1 (SmtpServer), on a free port, keeping every message it accepts.
/// Tests wait for messages with <see cref="WaitForMessagesAsync"/> (signalled on each arrival, no polling).
/// <see cref="RefuseRecipient"/> makes it answer 550 for an address; <see cref="DropConnectionOn"/> makes it
/// refuse a message to an address with 421 and close the connection.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Lock gate = new();
    private readonly List<MimeMessage> messages = [];
    private readonly ConcurrentDictionary<string, bool> refused = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, bool> dropping = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource stop = new();
    private readonly TaskCompletionSource<int> started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SmtpServer.SmtpServer server;
    private TaskCompletionSource arrived = NewSignal();
    private Task running = Task.CompletedTask;
    private int connections;

    private SmtpTestServer(string? userName, string? password)
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("smtp-test.localhost")
            .Endpoint(e =>
            {
                e.Endpoint(new IPEndPoint(IPAddress.Loopback, 0));
                if (userName is not null)
                {
                    // Loopback only, so sign-in without TLS is acceptable here.
                    e.AuthenticationRequired(true).AllowUnsecureAuthentication(true);
                }
            })
            .Build();

        var listeners = new NoDelayEndpointListenerFactory();
        listeners.EndpointStarted += (_, e) => started.TrySetResult(((IPEndPoint)e.LocalEndPoint).Port);

        var services = new ServiceProvider();
        services.Add(listeners);
        services.Add(new Store(this));
        services.Add(new Filter(this));
        if (userName is not null)
        {
            services.Add(new DelegatingUserAuthenticator((user, pass) => user == userName && pass == password));
        }

        server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref connections);
    }

    public int Port { get; private set; }

    /// <summary>How many SMTP connections have been opened to this server.</summary>
    public int ConnectionCount => Volatile.Read(ref connections);

    /// <summary>A snapshot of the messages received so far, in order of arrival.</summary>
    public IReadOnlyList<MimeMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <param name="userName">With a user name (and password), the server accepts mail only after AUTH with them.</param>
    public static async Task<SmtpTestServer> StartAsync(string? userName = null, string? password = null)
    {
        var smtp = new SmtpTestServer(userName, password);
        smtp.running = smtp.server.StartAsync(smtp.stop.Token);
        var first = await Task.WhenAny(smtp.started.Task, smtp.running).WaitAsync(TimeSpan.FromSeconds(10));
        if (first != smtp.started.Task)
        {
            await smtp.running; // Surfaces why the server did not start.
            throw new InvalidOperationException("The SMTP test server stopped before it listened.");
        }

        smtp.Port = await smtp.started.Task;
        return smtp;
    }

    /// <summary>Waits until at least <paramref name="count"/> messages have arrived, then returns them all.</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForMessagesAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            Task next;
            lock (gate)
            {
                if (messages.Count >= count)
                {
                    return [.. messages];
                }

                next = arrived.Task;
            }

            try
            {
                await next.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (deadline.IsCancellationRequested)
            {
                throw new TimeoutException($"Expected {count} messages within {timeout}, but {Messages.Count} arrived.");
            }
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            messages.Clear();
        }
    }

    /// <summary>From now on, RCPT TO this address is answered "550 mailbox unavailable".</summary>
    public void RefuseRecipient(string address) => refused[address] = true;

    /// <summary>From now on, a message to this address is answered "421" after DATA and the connection is closed.</summary>
    public void DropConnectionOn(string address) => dropping[address] = true;

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

    private void Add(MimeMessage message)
    {
        TaskCompletionSource signal;
        lock (gate)
        {
            messages.Add(message);
            signal = arrived;
            arrived = NewSignal();
        }

        signal.TrySetResult();
    }

    private sealed class Store(SmtpTestServer owner) : MessageStore
    {
        public override async Task<SmtpServer.Protocol.SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (transaction.To.Any(to => owner.dropping.ContainsKey(to.AsAddress())))
            {
                // Hang up without answering, as a server that crashes or restarts does.
                context.Pipe.Dispose();
                throw new SmtpResponseException(new SmtpServer.Protocol.SmtpResponse(SmtpReplyCode.ServiceUnavailable, "closing the connection, as the test asked"), true);
            }

            using var stream = new MemoryStream(buffer.ToArray());
            owner.Add(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpServer.Protocol.SmtpResponse.Ok;
        }
    }

    /// <summary>
    /// SmtpServer answers pipelined commands (MAIL, RCPT, DATA) with one write each; with Nagle's algorithm on,
    /// each answer after the first waits for the client's delayed ACK, about 40 ms a message (1,000 messages took
    /// 45 s instead of under 1 s). Its listener has no setting for this, so Nagle is turned off on the listening
    /// socket, which accepted sockets inherit. Should a later SmtpServer rename the field, only speed is lost.
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

            return listener;
        }
    }

    private sealed class Filter(SmtpTestServer owner) : MailboxFilter
    {
        public override Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            Task.FromResult(!owner.refused.ContainsKey(to.AsAddress()));
    }
}
