using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using SafeguardingPortal.Features.Documents;
using SafeguardingPortal.Infrastructure.Pdf;

namespace SafeguardingPortal.Benchmarks;

/// <summary>
/// BenchmarkDotNet: one consent document with its evidence page (the model the `documents` run uses:
/// three pages, a drawn signature, long texts), rendered unsealed and sealed with an RSA 3072
/// certificate like the development one. Budget: under 10 ms unsealed and under 20 ms sealed (mean,
/// single thread). In-process, so it runs from this project's Release build without generating and
/// building a separate project.
/// </summary>
[MemoryDiagnoser]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001", Justification = "BenchmarkDotNet owns the lifecycle: [GlobalCleanup] disposes them.")]
public class ConsentDocumentBenchmarks
{
    private ConsentRecordModel model = default!;
    private X509Certificate2 certificate = default!;
    private DocumentSealer unsealed = default!;
    private DocumentSealer sealedWith = default!;

    public static int Run(string[] args)
    {
        var config = ManualConfig.Create(DefaultConfig.Instance)
            .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithWarmupCount(5).WithIterationCount(15))
            .WithOptions(ConfigOptions.DisableOptimizationsValidator);
        var summary = BenchmarkRunner.Run<ConsentDocumentBenchmarks>(config, args);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(r => !r.Success) ? 1 : 0;
    }

    [GlobalSetup]
    public void Setup()
    {
        PortalFonts.EnsureRegistered();
        model = DocumentGeneration.Model();
        certificate = X509CertificateLoader.LoadPkcs12(
            DevelopmentCertificateCommand.Create("CN=Benchmark seal", "benchmark", DateTimeOffset.UtcNow), "benchmark", X509KeyStorageFlags.EphemeralKeySet);
        unsealed = new DocumentSealer(null);
        sealedWith = new DocumentSealer(certificate);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        sealedWith.Dispose();
        unsealed.Dispose();
        certificate.Dispose();
    }

    [Benchmark(Baseline = true, Description = "consent document, unsealed")]
    public int Unsealed() => PortalDocumentRenderer.Render(ConsentRecordDocument.Compose(model), unsealed, "http://localhost:5080/verify").Bytes.Length;

    [Benchmark(Description = "consent document, sealed")]
    public int Sealed() => PortalDocumentRenderer.Render(ConsentRecordDocument.Compose(model), sealedWith, "http://localhost:5080/verify").Bytes.Length;
}
