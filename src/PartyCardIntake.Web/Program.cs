using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddInstallationSettings();

builder.AddPartyCardLogging();
builder.Services.AddPartyCardDatabase(builder.Configuration);
builder.AddPartyCardWeb();

var app = builder.Build();

if (AuditVerifyCommand.Matches(args))
{
    return await AuditVerifyCommand.RunAsync(app.Services, args);
}

if (MigrateCommand.Matches(args))
{
    return await MigrateCommand.RunAsync(app.Services);
}

await app.InitializePartyCardAsync();
app.UsePartyCardPipeline();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
