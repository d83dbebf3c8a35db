using SafeguardingPortal.Features.People;
using SafeguardingPortal.Hosting;
using SafeguardingPortal.Infrastructure.Data;
using SafeguardingPortal.Infrastructure.Pdf;

// dotnet run --project SafeguardingPortal -- dev-certificate <file.pfx> [--password P]: writes a development sealing certificate, then exits.
if (args.FirstOrDefault() == DevelopmentCertificateCommand.Name)
{
    return DevelopmentCertificateCommand.Run(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration();

// dotnet run --project SafeguardingPortal -- backup <file>: copies the SQLite database safely while the portal runs, then exits.
if (args.FirstOrDefault() == BackupCommand.Name)
{
    var database = PortalDatabase.FromConfiguration(builder.Configuration, StorageOptions.ResolveDataDirectory(builder.Configuration, builder.Environment.ContentRootPath));
    return await BackupCommand.RunAsync(args, database, Console.Out, Console.Error);
}
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
