using SafeguardingPortal.Benchmarks;

// Measured runs of the portal's performance budgets, on the real service wiring and a real SQLite file.
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- audit [--writers 8] [--seconds 10] [--postgres "Host=…;Username=…"]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- children-list [--children 50000] [--iterations 200]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- dashboard [--children 50000] [--iterations 100]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- consent-send [--invitations 1000]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- consent-zip [--documents 2000]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- consent-link --data <new data folder>   (used by SafeguardingPortal.Benchmarks/bench-signing-page.sh)
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- documents [--iterations 300] [--no-image] [--write <folder for sample PDFs>]
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- documents-bdn   (BenchmarkDotNet: one consent document, unsealed and sealed)
return args.FirstOrDefault() switch
{
    "audit" => await AuditThroughput.RunAsync(args.Skip(1).ToArray()),
    "children-list" => await ChildrenList.RunAsync(args.Skip(1).ToArray()),
    "dashboard" => await Dashboard.RunAsync(args.Skip(1).ToArray()),
    "consent-send" => await ConsentSend.RunAsync(args.Skip(1).ToArray()),
    "consent-link" => await ConsentLink.RunAsync(args.Skip(1).ToArray()),
    "consent-zip" => await ConsentZip.RunAsync(args.Skip(1).ToArray()),
    "documents" => DocumentGeneration.Run(args.Skip(1).ToArray()),
    "documents-bdn" => ConsentDocumentBenchmarks.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project SafeguardingPortal.Benchmarks -- audit [--writers N] [--seconds S] [--postgres CONNECTION] | children-list [--children N] [--iterations N] | dashboard [--children N] [--iterations N] | consent-send [--invitations N] | consent-zip [--documents N] | consent-link --data DIR | documents [--iterations N] [--write DIR] | documents-bdn");
    return 2;
}
