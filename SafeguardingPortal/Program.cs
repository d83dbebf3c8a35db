using SafeguardingPortal.Features.People;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Pdf;

// dotnet run --project SafeguardingPortal -- dev-certificate <file.pfx> [--password P]: writes a development sealing certificate, then exits.
if (args.FirstOrDefault() == DevelopmentCertificateCommand.Name)
{
    return DevelopmentCertificateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration();
builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalWeb();
builder.AddPortalEmail();
builder.AddPortalDocuments();

var app = builder.Build();

await app.InitialisePortalDatabaseAsync();

// dotnet run --project SafeguardingPortal -- seed-demo [--children N]: fills an empty portal with fictional data, then exits.
if (args.FirstOrDefault() == "seed-demo")
{
    return await DemoDataSeeder.RunFromCommandLineAsync(app, args);
}

app.UsePortal();

await app.RunAsync();
return 0;

/// <summary>The web application's entry point; public so the tests' host factory can start it.</summary>
public partial class Program;
