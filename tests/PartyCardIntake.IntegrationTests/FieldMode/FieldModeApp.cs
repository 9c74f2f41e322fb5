using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.FieldMode;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>A visiting laptop: field mode on its own SQLite file, no demo, and a registry address nobody answers at.</summary>
internal static class FieldModeApp
{
    public static readonly byte[] Photo = DeskClient.Fixture("photo-600x800.jpg");
    public static readonly byte[] Signature = DeskClient.Fixture("signature-600x200.png");
    public static readonly string Strokes = File.ReadAllText(DeskClient.FixturePath("signature-600x200.json"));

    /// <summary>The kit's station (the mobile team of <see cref="FieldKitFiles"/>).</summary>
    public static readonly DeskStation Station = new(FieldKitFiles.SiteId, "Tổ lưu động", FieldKitFiles.DeviceId, "Máy lưu động 1");

    public static PartyCardAppFactory Create()
    {
        var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        app.Set("Demo:Enabled", "false");
        app.Set("Field:Enabled", "true");
        app.Set("Field:KdfMemoryKiB", "1024");
        app.Set("Field:KdfIterations", "1");
        app.Set("Registry:BaseAddress", "http://127.0.0.1:9/");
        return app;
    }

    public static async Task<FieldKitImportResult> ImportAsync(PartyCardAppFactory app, byte[] file, string passphrase, string userName = FieldKitFiles.OfficerUserName, string password = FieldKitFiles.OfficerPassword)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<FieldKitImport>().ImportAsync(file, passphrase, userName, password);
    }

    public static AppDbContext SystemContext(PartyCardAppFactory app) =>
        app.Services.GetRequiredService<ISystemDbContextFactory>().CreateDbContext();
}
