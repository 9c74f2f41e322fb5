using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Hosting;

internal static class StartupExtensions
{
    /// <summary>Migrates the database, then seeds or removes the demo campaign as configured.</summary>
    public static async Task InitializePartyCardAsync(this WebApplication app)
    {
        await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync();

        var demo = app.Services.GetRequiredService<IOptions<DemoOptions>>().Value;
        using var scope = app.Services.CreateScope();
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(
            scope.ServiceProvider,
            scope.ServiceProvider.GetRequiredService<ISystemDbContextFactory>().CreateDbContext());
        if (!demo.Enabled)
        {
            await seeder.RemoveDemoAccountsAsync();
            return;
        }

        var password = string.IsNullOrWhiteSpace(demo.Password) ? GeneratePassword() : demo.Password;
        var population = DemoPopulationGenerator.Generate(demo.Seed);
        await seeder.SeedAsync(population, password);
        app.Lifetime.ApplicationStarted.Register(() => PrintDemoBanner(app, population, password, generated: string.IsNullOrWhiteSpace(demo.Password)));
    }

    private static void PrintDemoBanner(WebApplication app, DemoPopulation population, string password, bool generated)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        var lines = new List<string>
        {
            string.Empty,
            "PartyCardIntake demo is running.",
            $"  Open: {url}",
            $"  Password for every demo account{(generated ? " (generated; set Demo:Password to fix it)" : string.Empty)}: {password}",
        };
        // Which commune each account sees: trying one commune's desk with another's officer finds nobody.
        lines.AddRange(DemoAccounts.All.Select(a => $"  {a.UserName,-16} {a.Role,-16} {(a.CommuneIndex is { } i ? $"{population.Communes[i].Name} ({population.Communes[i].Code})" : "whole province")}"));
        lines.Add(string.Empty);
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 16);
    }
}
