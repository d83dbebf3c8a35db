using SafeguardingPortal.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPortalConfiguration();
builder.AddPortalData();
builder.AddPortalIdentity();
builder.AddPortalWeb();

var app = builder.Build();

await app.InitialisePortalDatabaseAsync();
app.UsePortal();

await app.RunAsync();

/// <summary>The web application's entry point; public so the tests' host factory can start it.</summary>
public partial class Program;
