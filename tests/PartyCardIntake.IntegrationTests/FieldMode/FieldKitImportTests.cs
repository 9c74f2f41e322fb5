using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.FieldMode;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>The laptop's kit import (/field/setup's service): what it writes, and every refusal leaving the database as it was.</summary>
public sealed class FieldKitImportTests
{
    [Fact]
    public async Task A_kit_writes_its_members_checks_visits_station_and_officer_with_the_stations_ids()
    {
        using var kit = FieldKitFiles.Build(members: 3);
        await using var app = FieldModeApp.Create();

        var result = await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase);

        result.Imported.Should().BeTrue(result.Message);
        result.Fingerprint.Should().Be(FieldEnvelope.Fingerprint(kit.StationKey.ExportSubjectPublicKeyInfo()));
        await using var db = FieldModeApp.SystemContext(app);
        (await db.PartyMembers.Select(m => m.Id).OrderBy(i => i).ToListAsync()).Should().Equal(kit.Content.Members.Select(m => m.Id));
        (await db.PartyMembers.AllAsync(m => m.NeedsHomeVisit && m.CommuneId == FieldKitFiles.CommuneId)).Should().BeTrue();
        (await db.RegistryChecks.CountAsync()).Should().Be(3);
        var visits = await db.HomeVisits.ToListAsync();
        visits.Select(v => v.Id).Should().BeEquivalentTo(kit.Content.Visits.Select(v => v.Id));
        visits.Should().OnlyContain(v => v.OfficerId == kit.Content.Officer.UserId && v.Status == HomeVisitStatus.Planned);
        (await db.Devices.SingleAsync()).Id.Should().Be(FieldKitFiles.DeviceId);
        var officer = await db.Users.SingleAsync();
        (officer.Id, officer.UserName, officer.PasswordHash, officer.CommuneId).Should().Be((kit.Content.Officer.UserId, FieldKitFiles.OfficerUserName, kit.Content.Officer.PasswordHash, FieldKitFiles.CommuneId));
        (await db.UserRoles.CountAsync(r => r.UserId == officer.Id)).Should().Be(1);
        var state = await db.FieldKitStates.SingleAsync();
        state.KitId.Should().Be(kit.Content.KitId);
        state.WrappedSecrets.Should().NotBeEmpty();
        (await db.AuditEntries.CountAsync(a => a.Action == AuditAction.FieldTransfer)).Should().Be(1);
        app.Services.GetRequiredService<FieldSecrets>().IsUnlocked.Should().BeTrue("the import had the officer's password");
    }

    [Fact]
    public async Task Wrong_passphrase_wrong_password_tampered_truncated_and_expired_kits_are_refused_with_nothing_written()
    {
        using var kit = FieldKitFiles.Build();
        using var expired = FieldKitFiles.Build(expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1));
        var tampered = (byte[])kit.File.Clone();
        tampered[tampered.Length / 2] ^= 0x01;
        await using var app = FieldModeApp.Create();

        var wrongPassphrase = await FieldModeApp.ImportAsync(app, kit.File, FieldPassphrase.Generate());
        var wrongPassword = await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase, password: "khong-phai-mat-khau-nay");
        var wrongOfficer = await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase, userName: "someone.else");
        var flipped = await FieldModeApp.ImportAsync(app, tampered, kit.Passphrase);
        var cut = await FieldModeApp.ImportAsync(app, kit.File[..^10], kit.Passphrase);
        var late = await FieldModeApp.ImportAsync(app, expired.File, expired.Passphrase);

        (wrongPassphrase.Imported, wrongPassphrase.Field, wrongPassphrase.Message).Should().Be((false, FieldSetupField.Passphrase, Ui.FieldMode_PassphraseWrong));
        (wrongPassword.Imported, wrongPassword.Field).Should().Be((false, FieldSetupField.Password));
        (wrongOfficer.Imported, wrongOfficer.Field).Should().Be((false, FieldSetupField.Password));
        (flipped.Imported, flipped.Field, flipped.Message).Should().Be((false, FieldSetupField.File, Ui.FieldMode_KitDamaged));
        (cut.Imported, cut.Field, cut.Message).Should().Be((false, FieldSetupField.File, Ui.FieldMode_KitDamaged));
        (late.Imported, late.Field).Should().Be((false, FieldSetupField.File));
        late.Message.Should().Contain("hết hạn");
        await using var db = FieldModeApp.SystemContext(app);
        (await db.FieldKitStates.CountAsync()).Should().Be(0);
        (await db.PartyMembers.CountAsync()).Should().Be(0);
        (await db.Users.CountAsync()).Should().Be(0);
        app.Services.GetRequiredService<FieldSecrets>().IsUnlocked.Should().BeFalse();
    }

    [Fact]
    public async Task A_kit_with_a_member_the_laptops_rules_refuse_is_refused_whole()
    {
        using var kit = FieldKitFiles.Build(members: 2);
        var members = kit.Content.Members.ToList();
        members[1] = members[1] with { Sex = (int)Sex.Male };
        var file = FieldKitFiles.Seal(kit.Content with { Members = members }, kit.Passphrase, kit.StationKey);
        await using var app = FieldModeApp.Create();

        var result = await FieldModeApp.ImportAsync(app, file, kit.Passphrase);

        (result.Imported, result.Field, result.Message).Should().Be((false, FieldSetupField.File, Ui.FieldMode_KitDamaged));
        await using var db = FieldModeApp.SystemContext(app);
        (await db.PartyMembers.CountAsync()).Should().Be(0);
        (await db.FieldKitStates.CountAsync()).Should().Be(0);
        (await db.Users.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task A_kit_signed_by_a_station_key_that_is_not_trusted_is_refused()
    {
        using var kit = FieldKitFiles.Build();
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await using var app = FieldModeApp.Create();
        app.Set("Field:TrustedStationKeys:0", FieldEnvelope.Fingerprint(other.ExportSubjectPublicKeyInfo()));

        var result = await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase);

        (result.Imported, result.Field).Should().Be((false, FieldSetupField.File));
        result.Message.Should().Contain(FieldEnvelope.Fingerprint(kit.StationKey.ExportSubjectPublicKeyInfo()));
    }

    [Fact]
    public async Task Before_a_kit_every_page_leads_to_the_setup_page_which_is_open_without_sign_in()
    {
        await using var app = FieldModeApp.Create();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var home = await client.GetAsync("/");
        using var desk = await client.GetAsync("/home-visits/mine");
        using var setup = await client.GetAsync("/field/setup");

        home.StatusCode.Should().Be(HttpStatusCode.Redirect);
        home.Headers.Location!.OriginalString.Should().Be("/field/setup");
        desk.Headers.Location!.OriginalString.Should().Be("/field/setup");
        setup.StatusCode.Should().Be(HttpStatusCode.OK);
        (await setup.Content.ReadAsStringAsync()).Should().Contain(Ui.FieldMode_SetupTitle).And.Contain(Ui.FieldMode_Banner);
    }
}
