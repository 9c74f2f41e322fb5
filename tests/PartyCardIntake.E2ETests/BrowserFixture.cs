using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// The application on a real Kestrel port with the demo campaign, and Debian's Chromium driven by
/// Playwright (its own browser download cannot work on these machines).
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Collection = "browser";

    private IPlaywright? _playwright;

    public PartyCardAppFactory App { get; } = new(DatabaseProvider.Sqlite, realServer: true);

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Members used by a test already, so that tests sharing the application do not collide.</summary>
    public HashSet<int> TakenMembers { get; } = [];

    public async Task InitializeAsync()
    {
        // The re-check worker runs for real here, briskly, as an officer would see it.
        App.Set("Verification:Interval", "00:00:01");
        App.Set("Verification:FirstRetryDelay", "00:00:01");
        App.Set("Verification:MaxRetryDelay", "00:00:02");
        App.Set("Registry:RetryBaseDelay", "00:00:00.050");
        App.Set("Registry:BreakerBreakDuration", "00:00:02");
        App.Set("PreCheck:Interval", "00:00:01");
        App.Set("PreCheck:RatePerSecond", "20");
        // Open pages check their session every 2 s here (10 s in production), so that a test waits little.
        App.Set("Circuits:RevalidationInterval", "00:00:02");
        // Two cores shared by the server, Chromium and the test host: give assertions the same patience as actions.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        BaseAddress = App.ServerAddress;
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = Environment.GetEnvironmentVariable("PARTYCARD_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-quic", "--no-first-run",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
            ],
        });
    }

    /// <summary>A fresh browser context (its own cookies), Vietnamese locale, at the app's address.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseAddress.ToString(),
            Locale = "vi-VN",
            TimezoneId = "Asia/Ho_Chi_Minh",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>A fresh officer of the first demo commune, for tests that change an account.</summary>
    public async Task<string> CreateOfficerAsync()
    {
        using var scope = App.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await using var db = App.Database.CreateContext(DataScope.System);
        var commune = await db.Communes.SingleAsync(c => c.Code == DemoPopulationGenerator.DefaultShapes[0].Code);
        var user = new AppUser { UserName = "canbo." + Guid.NewGuid().ToString("N")[..8], DisplayName = "Cán bộ thử", CommuneId = commune.Id, ProvinceId = commune.ProvinceId };
        if (!(await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded || !(await users.AddToRoleAsync(user, AppRoles.IntakeOfficer)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the test officer.");
        }

        return user.UserName;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}

[CollectionDefinition(BrowserFixture.Collection)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>;
