namespace PartyCardIntake.MockRegistry;

/// <summary>
/// Runs the mock registry on its own: <c>dotnet run --project src/PartyCardIntake.MockRegistry -- --urls http://127.0.0.1:5090</c>.
/// The fault switches are open to anyone here: this process is a test double, never a production service.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddMockRegistry(builder.Configuration);

        var app = builder.Build();
        app.MapMockRegistry();
        app.MapMockRegistryAdmin();
        app.MapGet("/health/live", () => Results.Text("Healthy"));
        await app.RunAsync();
    }
}
