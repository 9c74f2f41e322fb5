using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Hosting;

var builder = WebApplication.CreateBuilder(args);

builder.AddPartyCardLogging();
builder.Services.AddPartyCardDatabase(builder.Configuration);
builder.AddPartyCardWeb();

var app = builder.Build();

await app.InitializePartyCardAsync();
app.UsePartyCardPipeline();

await app.RunAsync();

/// <summary>Entry point, visible to the test hosts.</summary>
public partial class Program;
