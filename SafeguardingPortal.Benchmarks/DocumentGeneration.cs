using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SafeguardingPortal.Features.Consent;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// Milliseconds per consent document (three pages: the record with a drawn signature, then the
/// evidence page), unsealed and sealed with an RSA 3072 certificate like the development one, on
/// one thread. With --write DIR, also writes one of each there to look at.
/// </summary>
internal static class DocumentGeneration
{
    public static int Run(string[] args)
    {
        var iterations = PortalHost.Option(args, "--iterations", 300);
        var write = PortalHost.TextOption(args, "--write");
        using var certificate = X509CertificateLoader.LoadPkcs12(
            DevelopmentCertificateCommand.Create("CN=Benchmark seal", "benchmark", DateTimeOffset.UtcNow), "benchmark", X509KeyStorageFlags.EphemeralKeySet);
        using var sealedWith = new DocumentSealer(certificate);
        using var unsealed = new DocumentSealer(null);
        var model = args.Contains("--no-image") ? Model() with { SignatureImage = null } : Model();

        if (args.Contains("--phases"))
        {
            Phases(model, unsealed, iterations);
            Phases(model, sealedWith, iterations);
            return 0;
        }

        foreach (var (name, sealer) in new[] { ("unsealed", unsealed), ("sealed", sealedWith) })
        {
            var sample = Render(model, sealer);
            for (var i = 0; i < 100; i++)
            {
                Render(model, sealer);
            }

            // CPU time as well as wall time: on a shared machine the wall clock counts other people's work too.
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var gen2Before = GC.CollectionCount(2);
            var times = new double[iterations];
            for (var i = 0; i < iterations; i++)
            {
                var watch = Stopwatch.StartNew();
                Render(model, sealer);
                times[i] = watch.Elapsed.TotalMilliseconds;
            }

            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / iterations;
            var allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (double)iterations;
            var gen2 = GC.CollectionCount(2) - gen2Before;
            Array.Sort(times);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"consent document {name,-8}: wall mean {times.Average():F2} ms, median {times[iterations / 2]:F2} ms, p95 {times[(int)(iterations * 0.95)]:F2} ms; CPU {cpu:F2} ms per document; {allocated / 1024.0:F0} KB allocated per document, {gen2} full collections; over {iterations}; {sample.Bytes.Length / 1024.0:F0} KB"));
            if (write is not null)
            {
                Directory.CreateDirectory(write);
                File.WriteAllBytes(Path.Combine(write, $"consent-{name}.pdf"), sample.Bytes);
                File.WriteAllBytes(Path.Combine(write, $"withdrawal-{name}.pdf"), PortalDocumentRenderer.Render(WithdrawalReceiptDocument.Compose(Withdrawal()), sealer, "http://localhost:5080/verify").Bytes);
            }
        }

        return 0;
    }

    /// <summary>Where the time and the allocations go: layout, finishing (footers, metadata), saving (fonts, compression, seal).</summary>
    private static void Phases(ConsentRecordModel model, DocumentSealer sealer, int iterations)
    {
        var names = new[] { "layout", "finish", "save" };
        var time = new double[3];
        var bytes = new long[3];
        for (var i = 0; i < iterations + 50; i++)
        {
            var composed = ConsentRecordDocument.Compose(model);
            var watch = Stopwatch.StartNew();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var marks = new (double Ms, long Bytes)[3];
            using var builder = new PortalDocumentBuilder(composed.Info, sealer.IsConfigured, "http://localhost:5080/verify");
            composed.Compose(builder);
            marks[0] = (watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
            var pdf = builder.Finish();
            sealer.Apply(pdf, composed.Info.Author);
            marks[1] = (watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
            using var output = new PooledBufferStream();
            pdf.Save(output, closeStream: false);
            marks[2] = (watch.Elapsed.TotalMilliseconds, GC.GetAllocatedBytesForCurrentThread() - before);
            if (i >= 50)
            {
                for (var p = 0; p < 3; p++)
                {
                    time[p] += marks[p].Ms - (p == 0 ? 0 : marks[p - 1].Ms);
                    bytes[p] += marks[p].Bytes - (p == 0 ? 0 : marks[p - 1].Bytes);
                }
            }
        }

        Console.WriteLine((sealer.IsConfigured ? "sealed:   " : "unsealed: ") + string.Join("; ", names.Select((n, p) => string.Create(CultureInfo.InvariantCulture,
            $"{n} {time[p] / iterations:F2} ms, {bytes[p] / iterations / 1024.0:F0} KB"))));
    }

    private static RenderedDocument Render(ConsentRecordModel model, DocumentSealer sealer) =>
        PortalDocumentRenderer.Render(ConsentRecordDocument.Compose(model), sealer, "http://localhost:5080/verify");

    internal static ConsentRecordModel Model()
    {
        var signedAt = new DateTimeOffset(2026, 11, 25, 18, 42, 7, TimeSpan.Zero);
        const string agent = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
        return new ConsentRecordModel
        {
            OrganisationName = "Hilltop Swimming Club",
            Title = "Consent for online coaching sessions",
            Reference = "C-7K3M-9QXD",
            SubjectName = "Łukasz Żółć",
            SubjectKind = ConsentSubjectKind.Child,
            Activity = new ConsentActivityText(
                "Saturday video coaching",
                Repeat("Weekly technique sessions on a video call, led by two qualified coaches, for swimmers aged 10 to 14.", 3),
                Repeat("Members live far apart and the pool is closed for repairs until the spring.", 2),
                Repeat("Swimmers keep their technique and their friendships going through the closure.", 2),
                Repeat("Strangers could try to join, and swimmers could share personal details. The call is locked, the link is private, two adults are present throughout, and the chat is switched off.", 3),
                "Microsoft Teams"),
            TemplateName = "Online activity consent",
            TemplateVersion = 3,
            Items =
            [
                new ConsentRecordItem("Taking part online", Repeat("Joining the weekly video sessions from home, with a parent or carer nearby.", 2), ConsentItemKind.TakePartOnline, true, true),
                new ConsentRecordItem("Photos shared", Repeat("Screenshots from sessions may appear in the club newsletter, without surnames.", 2), ConsentItemKind.PhotosShared, false, false),
                new ConsentRecordItem("Session recorded", Repeat("Sessions are recorded for coaches to review and deleted after 30 days.", 2), ConsentItemKind.SessionRecorded, false, true),
            ],
            SignerName = "Zoë Ó Súilleabháin",
            Relationship = "Mother",
            SignerKind = SignerKind.ParentCarer,
            SignatureImage = SignaturePng(600, 180),
            SignedAtUtc = signedAt,
            Source = SignatureSource.Online,
            Declaration = "I have parental responsibility for this child and I have read the information above.",
            Events =
            [
                new EvidenceEvent(InvitationEventKinds.Created, signedAt.AddDays(-3), "", "", ""),
                new EvidenceEvent(InvitationEventKinds.Sent, signedAt.AddDays(-3).AddSeconds(4), "", "", "", "zoe.parent@example.org"),
                new EvidenceEvent(InvitationEventKinds.ReminderSent, signedAt.AddDays(-1), "", "", "", "zoe.parent@example.org"),
                new EvidenceEvent(InvitationEventKinds.Opened, signedAt.AddMinutes(-6), "", "203.0.113.7", agent),
                new EvidenceEvent(InvitationEventKinds.Answered, signedAt, "", "203.0.113.7", agent),
            ],
            PresentedSha256 = Convert.ToHexStringLower(SHA256.HashData("presented"u8)),
            AnswersSha256 = Convert.ToHexStringLower(SHA256.HashData("answers"u8)),
        };
    }

    private static WithdrawalReceiptModel Withdrawal() => new()
    {
        OrganisationName = "Hilltop Swimming Club",
        Reference = "W-4HQP-8RTA",
        ConsentReference = "C-7K3M-9QXD",
        SubjectName = "Łukasz Żółć",
        ActivityTitle = "Saturday video coaching",
        ItemsWithdrawn = ["Session recorded"],
        WithdrawnByName = "Zoë Ó Súilleabháin",
        Method = WithdrawalMethod.Phone,
        RecordedBy = "Lee Lead",
        WithdrawnAtUtc = new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        Reason = "We would rather the sessions were not kept.",
    };

    private static string Repeat(string sentence, int times) => string.Join(' ', Enumerable.Repeat(sentence, times));

    /// <summary>
    /// A drawn-signature-sized PNG like the signing page's canvas writes: RGBA, dark ink on a
    /// transparent background, with soft edges. Encoded here to need no imaging library.
    /// </summary>
    private static byte[] SignaturePng(int width, int height)
    {
        var stride = (width * 4) + 1;
        var raw = new byte[height * stride];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var distance = Math.Abs((height / 2 + (height / 3 * Math.Sin(x / 40.0))) - y);
                var alpha = distance < 2 ? 255 : distance < 3.5 ? (int)(255 * (3.5 - distance) / 1.5) : 0;
                var at = (y * stride) + 1 + (x * 4);
                raw[at] = raw[at + 1] = raw[at + 2] = 0x11;
                raw[at + 3] = (byte)alpha;
            }
        }

        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 6;
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        png.Write(four);
        byte[] typed = [.. System.Text.Encoding.ASCII.GetBytes(type), .. data];
        png.Write(typed);
        var crc = 0xFFFFFFFFu;
        foreach (var b in typed)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(four, ~crc);
        png.Write(four);
    }
}
