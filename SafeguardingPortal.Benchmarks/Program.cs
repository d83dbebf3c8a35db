using SafeguardingPortal.Benchmarks;

// Measured runs of the portal's performance budgets, on the real service wiring and a real SQLite file.
//   dotnet run -c Release --project SafeguardingPortal.Benchmarks -- audit [--writers 8] [--seconds 10]
return args.FirstOrDefault() switch
{
    "audit" => await AuditThroughput.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project SafeguardingPortal.Benchmarks -- audit [--writers N] [--seconds S]");
    return 2;
}
