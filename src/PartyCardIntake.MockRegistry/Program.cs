using PartyCardIntake.Core.Demo;

namespace PartyCardIntake.MockRegistry;

/// <summary>Runs the mock registry on its own: <c>dotnet run --project src/PartyCardIntake.MockRegistry</c>.</summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMockRegistry(builder.Configuration.GetValue("MockRegistry:Seed", DemoPopulationGenerator.DefaultSeed));

        var app = builder.Build();
        app.MapMockRegistry();
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        await app.RunAsync();
    }
}
