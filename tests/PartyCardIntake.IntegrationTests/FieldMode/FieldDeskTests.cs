using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.FieldMode;
using PartyCardIntake.Web.Resources;
using static PartyCardIntake.IntegrationTests.FieldMode.FieldModeApp;

namespace PartyCardIntake.IntegrationTests.FieldMode;

/// <summary>The laptop's offline sign-in and desk: the kit's check shown, every save pending, and no save without the keys or after expiry.</summary>
public sealed class FieldDeskTests
{
    [Fact]
    public async Task The_officer_signs_in_offline_and_the_password_unlocks_the_keys()
    {
        using var kit = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        var secrets = app.Services.GetRequiredService<FieldSecrets>();
        secrets.Forget();
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        // With a kit imported, the import page is the officer's only.
        using (var setup = await client.GetAsync("/field/setup"))
        {
            setup.Headers.Location!.OriginalString.Should().StartWith("/account/signin?ReturnUrl=");
        }

        using (var wrong = await SignInClient.PostSignInAsync(client, FieldKitFiles.OfficerUserName, "khong-dung-mat-khau"))
        {
            wrong.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        secrets.IsUnlocked.Should().BeFalse();
        using var right = await SignInClient.PostSignInAsync(client, FieldKitFiles.OfficerUserName, FieldKitFiles.OfficerPassword);
        right.StatusCode.Should().Be(HttpStatusCode.Redirect, "the registry address is unreachable and the sign-in never asks it");
        secrets.IsUnlocked.Should().BeTrue();
        secrets.Keys!.ReturnKey.Should().Equal(kit.Content.Keys.ReturnKey);
        secrets.Keys.PackageSigningKey.Should().Equal(kit.Content.Keys.PackageSigningKey);

        // Signed in, the laptop's home is the field page, and the setup page needs the officer.
        using var home = await client.GetAsync("/");
        home.Headers.Location!.OriginalString.Should().Be("/field");
        var field = await client.GetStringAsync("/field");
        field.Should().Contain(PartyCardIntake.Core.Field.FieldEnvelope.Fingerprint(kit.StationKey.ExportSubjectPublicKeyInfo()))
            .And.Contain("Xã Thực Địa").And.Contain(Ui.FieldMode_Banner);

        // The officer's visits are the kit's, each with its link into the desk.
        var mine = await client.GetStringAsync("/home-visits/mine");
        foreach (var member in kit.Content.Members)
        {
            mine.Should().Contain(member.FullName).And.Contain($"/desk/members/{member.Id}?from=home-visits");
        }

        // The desk opens at the kit's station without choosing one.
        using var desk = await client.GetAsync($"/desk/members/{kit.Content.Members[0].Id}?from=home-visits");
        desk.StatusCode.Should().Be(HttpStatusCode.OK);
        (await desk.Content.ReadAsStringAsync()).Should().Contain("data-testid=\"desk-station\"").And.Contain("Máy lưu động 1");
    }

    [Fact]
    public async Task The_desk_shows_the_kits_check_and_saves_pending_even_after_a_recent_match()
    {
        using var kit = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        var member = kit.Content.Members[0];
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);

        var answer = await officer.Get<DeskCheck>().CheckAsync(member.Id);
        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            member.Id, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId));

        answer!.Check.Check.Outcome.Should().Be(CheckOutcome.Matched, "the kit's pre-check is shown as it was");
        answer.Check.Check.CheckedAt.Should().Be(kit.Content.Checks[0].CheckedAt);
        answer.Decision.IsPending.Should().BeTrue();
        result.Saved.Should().BeTrue(result.Message);
        result.Verification.Should().Be(VerificationStatus.Pending, "a laptop never relies on a check it cannot repeat");
        await using var db = FieldModeApp.SystemContext(app);
        (await db.RegistryChecks.CountAsync()).Should().Be(kit.Content.Checks.Count, "nothing was asked of a registry");
        var saved = await db.Applications.SingleAsync();
        (saved.MemberId, saved.DeviceId, saved.Verification).Should().Be((member.Id, FieldKitFiles.DeviceId, VerificationStatus.Pending));
    }

    [Fact]
    public async Task After_a_restart_the_desk_refuses_to_save_until_the_officer_signs_in_again()
    {
        using var kit = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        app.Services.GetRequiredService<FieldSecrets>().Forget();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);

        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            kit.Content.Members[0].Id, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId));

        (result.Saved, result.Message).Should().Be((false, Ui.FieldMode_Locked));
        await using var db = FieldModeApp.SystemContext(app);
        (await db.Applications.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task After_the_kit_expires_the_desk_refuses_to_save()
    {
        using var kit = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using (var db = FieldModeApp.SystemContext(app))
        {
            await db.FieldKitStates.ExecuteUpdateAsync(s => s.SetProperty(k => k.ExpiresAt, DateTime.UtcNow.AddSeconds(-1)));
        }

        app.Services.GetRequiredService<FieldModeState>().Reset();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);

        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            kit.Content.Members[0].Id, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId));

        result.Saved.Should().BeFalse();
        result.Message.Should().Contain("hết hạn");
        await using var after = FieldModeApp.SystemContext(app);
        (await after.Applications.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task The_desk_applies_the_capture_rules_the_kit_carries()
    {
        using var kit = FieldKitFiles.Build();
        var strict = kit.Content with { CaptureRules = System.Text.Json.JsonSerializer.SerializeToElement(new { photo = new { maxBytes = 1000 } }) };
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, FieldKitFiles.Seal(strict, kit.Passphrase, kit.StationKey), kit.Passphrase)).Imported.Should().BeTrue();
        await using var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName);

        var result = await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
            kit.Content.Members[0].Id, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId));

        result.Saved.Should().BeFalse("the station's rules allow photos of at most 1000 bytes");
        result.Message.Should().Be(PartyCardIntake.Web.Components.Labels.PhotoError(PartyCardIntake.Infrastructure.Media.PhotoError.TooLarge));
    }

    [Fact]
    public async Task A_second_kit_is_refused_while_captures_have_no_receipt()
    {
        using var kit = FieldKitFiles.Build();
        using var next = FieldKitFiles.Build();
        await using var app = FieldModeApp.Create();
        (await FieldModeApp.ImportAsync(app, kit.File, kit.Passphrase)).Imported.Should().BeTrue();
        await using (var officer = await CircuitScope.ForAsync(app.Services, FieldKitFiles.OfficerUserName))
        {
            (await officer.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(
                kit.Content.Members[0].Id, Guid.NewGuid(), CapturePart.Of(Photo), CapturePart.Of(Signature), Strokes, Station, kit.Content.Officer.UserId))).Saved.Should().BeTrue();
        }

        var second = await FieldModeApp.ImportAsync(app, next.File, next.Passphrase);

        (second.Imported, second.Message).Should().Be((false, Ui.FieldMode_KitCapturesOutstanding));
        await using var db = FieldModeApp.SystemContext(app);
        (await db.FieldKitStates.SingleAsync()).KitId.Should().Be(kit.Content.KitId);
    }
}
