using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.FieldKits;
using PartyCardIntake.Web.Features.FieldMode;
using PartyCardIntake.Web.Features.Reports;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.IntegrationTests.FieldKits;

/// <summary>
/// The station's side of field kits: a lead makes a kit (<see cref="FieldKitMaker"/>, as the page does), a laptop
/// played by <see cref="FieldLaptop"/> opens it and seals captures into a package, and the station imports it
/// (<see cref="FieldPackageImporter"/>, through the service and the API).
/// </summary>
public abstract class FieldKitTests(AppFixture app)
{
    private const string Corrupt = "Gói dữ liệu bị hỏng hoặc đã bị sửa, không nhập gì.";

    private static DateOnly VietnamToday => DateOnly.FromDateTime(VietnamClock.Now);

    [Fact]
    public async Task A_kit_holds_only_the_officers_planned_visits_in_its_range()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var lead = await UserIdAsync(DemoAccounts.Lead);
        var inRange = await MemberWithVisitAsync(officer, VietnamToday.AddDays(2));
        var later = await MemberWithVisitAsync(officer, VietnamToday.AddDays(6));
        var othersVisit = await MemberWithVisitAsync(lead, VietnamToday.AddDays(2));
        var cancelled = await MemberWithVisitAsync(officer, VietnamToday.AddDays(2), HomeVisitStatus.Cancelled);
        var withoutVisit = await FreeMemberAsync();

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var maker = circuit.Get<FieldKitMaker>();
        var form = await FormAsync(maker, officer, VietnamToday.AddDays(1), VietnamToday.AddDays(3));
        (await maker.PreviewAsync(form)).Should().BeGreaterThanOrEqualTo(1);
        var result = await maker.MakeAsync(form);

        result.Succeeded.Should().BeTrue(result.Message);
        var made = result.Made!;
        made.Passphrase.Should().MatchRegex("^[A-Z0-9]{4}(-[A-Z0-9]{4}){4}$|^.{20,}$");
        made.FileName.Should().MatchRegex(@"^bo-du-lieu-[^-]+-demo\.officer-[0-9]{8}\.pcikit$");
        var laptop = FieldLaptop.Open(made.File, made.Passphrase);
        var members = laptop.Kit.Members.Select(m => m.Id).ToList();
        members.Should().Contain(inRange).And.NotContain([later, othersVisit, cancelled, withoutVisit]);
        laptop.Kit.Visits.Should().OnlyContain(v => members.Contains(v.MemberId));
        laptop.Kit.Officer.UserName.Should().Be(DemoAccounts.Officer);
        laptop.Kit.Officer.PasswordHash.Should().NotBeNullOrEmpty();
        laptop.Kit.Station.DeviceName.Should().Be(DemoSeeder.MobileDeviceName);
        laptop.Kit.Cells.Select(c => c.Id).Should().Contain(laptop.Kit.Members.Select(m => m.PartyCellId));
        laptop.Kit.CaptureRules.ValueKind.Should().Be(JsonValueKind.Object);
        FieldEnvelope.Fingerprint(laptop.Header.SignerKey).Should().Be(made.Fingerprint);

        // A wrong passphrase opens nothing.
        var wrong = () => FieldLaptop.Open(made.File, "AAAA-BBBB-CCCC-DDDD-EEEE");
        wrong.Should().Throw<FieldFileException>();

        await using var db = app.SystemContext();
        var kit = await db.FieldKits.SingleAsync(k => k.Id == laptop.Kit.KitId);
        (kit.CommuneId, kit.OfficerId, kit.MemberCount, kit.KitSha256).Should().Be((app.CommuneOne, officer, members.Count, CapturePackage.Sha256Hex(made.File)));
        kit.ExpiresAt.Should().Be(VietnamTime(VietnamToday.AddDays(4)).AddSeconds(-1));
        (await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.FieldKit && e.Target!.Contains(kit.Id.ToString()))).Should().BeTrue();
    }

    [Fact]
    public async Task Bad_dates_an_officer_of_another_commune_or_no_member_make_no_kit()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var maker = circuit.Get<FieldKitMaker>();
        await using var db = app.SystemContext();
        var kitsBefore = await db.FieldKits.CountAsync();
        var deadline = (await maker.LimitsAsync())!.Deadline!.Value;

        var cases = new (Action<FieldKitForm> Change, string Field, string Message)[]
        {
            (f => f.From = VietnamToday.AddDays(-1).ToDateTime(TimeOnly.MinValue), nameof(FieldKitForm.From), "không được trước hôm nay"),
            (f => f.To = VietnamToday.AddDays(-1).ToDateTime(TimeOnly.MinValue), nameof(FieldKitForm.To), "phải từ ngày bắt đầu trở đi"),
            (f => f.To = VietnamToday.AddDays(14).ToDateTime(TimeOnly.MinValue), nameof(FieldKitForm.To), "tối đa 14 ngày"),
            (f => { f.From = deadline.ToDateTime(TimeOnly.MinValue); f.To = deadline.AddDays(1).ToDateTime(TimeOnly.MinValue); }, nameof(FieldKitForm.To), "sau hạn hoàn thành"),
            (f => f.From = null, nameof(FieldKitForm.From), "Chưa chọn ngày bắt đầu"),
            (f => f.OfficerId = null, nameof(FieldKitForm.OfficerId), "Chưa chọn cán bộ"),
            (f => f.DeviceId = null, nameof(FieldKitForm.DeviceId), "Chưa chọn điểm tiếp nhận"),
        };
        foreach (var (change, field, message) in cases)
        {
            var form = await FormAsync(maker, officer, VietnamToday, VietnamToday.AddDays(1));
            change(form);
            var result = await maker.MakeAsync(form);
            result.Succeeded.Should().BeFalse(message);
            result.Errors.Should().Contain(e => e.Field == field && e.Message.Contains(message, StringComparison.OrdinalIgnoreCase), message);
            (await maker.ValidateAsync(form)).Should().Contain(e => e.Field == field, message);
        }

        var otherCommune = await FormAsync(maker, await UserIdAsync(DemoAccounts.Officer2), VietnamToday, VietnamToday.AddDays(1));
        (await maker.MakeAsync(otherCommune)).Errors.Should().ContainSingle(e => e.Field == nameof(FieldKitForm.OfficerId) && e.Message.Contains("không thuộc Công an"));

        // Far enough ahead that no test books the officer then.
        var empty = await FormAsync(maker, officer, deadline.AddDays(-1), deadline);
        (await maker.MakeAsync(empty)).Message.Should().Contain("không có lịch thăm nào");

        (await db.FieldKits.CountAsync()).Should().Be(kitsBefore);
    }

    [Fact]
    public async Task A_kit_opened_on_a_field_mode_laptop_comes_back_through_its_package_and_its_receipt_wipes_the_laptop()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var members = new[] { await MemberWithVisitAsync(officer, VietnamToday), await MemberWithVisitAsync(officer, VietnamToday) };
        MadeFieldKit made;
        await using (var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            var maker = lead.Get<FieldKitMaker>();
            var result = await maker.MakeAsync(await FormAsync(maker, officer, VietnamToday, VietnamToday.AddDays(1)));
            result.Succeeded.Should().BeTrue(result.Message);
            made = result.Made!;
        }

        // The laptop: field mode on its own SQLite file, no registry; the officer's own password opens it.
        await using var laptop = FieldMode.FieldModeApp.Create();
        var imported = await FieldMode.FieldModeApp.ImportAsync(laptop, made.File, made.Passphrase, DemoAccounts.Officer, PartyCardAppFactory.DemoPassword);
        imported.Imported.Should().BeTrue(imported.Message);
        var kitStation = FieldLaptop.Open(made.File, made.Passphrase).Kit.Station;
        var station = new DeskStation(kitStation.SiteId, kitStation.SiteName, kitStation.DeviceId, kitStation.DeviceName);
        byte[] package;
        await using (var field = await CircuitScope.ForAsync(laptop.Services, DemoAccounts.Officer))
        {
            foreach (var member in members)
            {
                var saved = await field.Get<DeskSubmission>().SubmitAsync(new SubmitRequest(member, Guid.NewGuid(), CapturePart.Of(FieldMode.FieldModeApp.Photo), CapturePart.Of(FieldMode.FieldModeApp.Signature), FieldMode.FieldModeApp.Strokes, station, officer));
                saved.Saved.Should().BeTrue(saved.Message);
                saved.Verification.Should().Be(VerificationStatus.Pending, "the laptop has no registry");
            }

            var export = await field.Get<FieldReturnService>().ExportAsync();
            export.Error.Should().BeNull();
            package = export.File!;
        }

        // The station takes the package; the laptop keeps its captures until the receipt comes.
        await using var station2 = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var importer = station2.Get<FieldPackageImporter>();
        var imported2 = await importer.ImportAsync(package);
        imported2.Succeeded.Should().BeTrue(imported2.Error);
        (imported2.Import!.Added, imported2.Import.AlreadyPresent, imported2.Import.Flagged).Should().Be((2, 0, 0));
        await using (var db = app.SystemContext())
        {
            var saved = await db.Applications.AsNoTracking().Include(a => a.Capture).Where(a => members.Contains(a.MemberId)).ToListAsync();
            saved.Should().HaveCount(2).And.OnlyContain(a => a.FieldKitId == made.Kit.Id && a.Verification == VerificationStatus.Pending);
            saved.Should().OnlyContain(a => a.Capture!.PhotoSha256 == CapturePackage.Sha256Hex(a.Capture.Photo), "the station holds the plain photo the laptop encrypted at rest");
        }

        await using (var field = FieldMode.FieldModeApp.SystemContext(laptop))
        {
            (await field.ApplicationCaptures.CountAsync(c => c.MediaDeletedAt == null)).Should().Be(2, "nothing is wiped before the receipt");
        }

        await using (var field = await CircuitScope.ForAsync(laptop.Services, DemoAccounts.Officer))
        {
            var applied = await field.Get<FieldReturnService>().ApplyReceiptAsync(imported2.Receipt!);
            applied.Applied.Should().BeTrue(applied.Message);
            (applied.Wiped, applied.Remaining).Should().Be((2, 0));
        }

        await using (var field = FieldMode.FieldModeApp.SystemContext(laptop))
        {
            (await field.ApplicationCaptures.CountAsync(c => c.MediaDeletedAt == null)).Should().Be(0);
        }

        // The same package again adds nothing.
        var again = await importer.ImportAsync(package);
        again.Repeated.Should().BeTrue();
        await using (var db = app.SystemContext())
        {
            (await db.Applications.CountAsync(a => members.Contains(a.MemberId))).Should().Be(2);
        }
    }

    [Fact]
    public async Task Captures_are_recorded_under_the_station_the_lead_chose_for_the_kit()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var day = VietnamToday.AddDays(1);
        var member = await MemberWithVisitAsync(officer, day);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var maker = circuit.Get<FieldKitMaker>();
        var stations = await maker.StationsAsync();
        stations.Should().HaveCountGreaterThan(1, "the demo commune has a desk site besides its mobile team");
        var chosen = stations[^1];
        chosen.IsMobile.Should().BeFalse();
        var form = await FormAsync(maker, officer, VietnamToday, day);
        form.DeviceId = chosen.DeviceId;
        var made = await maker.MakeAsync(form);
        made.Succeeded.Should().BeTrue(made.Message);
        var laptop = FieldLaptop.Open(made.Made!.File, made.Made.Passphrase);
        laptop.Kit.Station.DeviceId.Should().Be(chosen.DeviceId);

        var result = await circuit.Get<FieldPackageImporter>().ImportAsync(laptop.Package([laptop.Capture(member, VietnamTime(day).AddHours(3))]));

        result.Succeeded.Should().BeTrue(result.Error);
        await using var db = app.SystemContext();
        var saved = await db.Applications.AsNoTracking().SingleAsync(a => a.MemberId == member);
        (saved.IntakeSiteId, saved.DeviceId).Should().Be((chosen.SiteId, chosen.DeviceId));
    }

    [Fact]
    public async Task A_round_trip_adds_pending_records_counted_on_the_capture_day_and_a_second_import_adds_nothing()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var day = VietnamToday.AddDays(1);
        var first = await MemberWithVisitAsync(officer, day);
        var second = await MemberWithVisitAsync(officer, day);
        var third = await MemberWithVisitAsync(officer, day);
        var (laptop, kitId) = await KitAsync(officer, VietnamToday, day);
        var capturedAt = VietnamTime(day).AddHours(3);
        var captures = new[] { laptop.Capture(first, capturedAt), laptop.Capture(second, capturedAt.AddMinutes(20)) };
        var fieldAudit = new[] { new FieldAuditEntry(capturedAt, DemoAccounts.Officer, (int)AuditAction.FieldTransfer, first, "export") };
        var package = laptop.Package(captures, fieldAudit);
        var dayBefore = await ReceivedOnAsync(day);

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var importer = circuit.Get<FieldPackageImporter>();
        var result = await importer.ImportAsync(package);

        result.Succeeded.Should().BeTrue(result.Error);
        (result.Import!.Added, result.Import.AlreadyPresent, result.Import.Flagged).Should().Be((2, 0, 0));
        var receipt = laptop.Receipt(result.Receipt!);
        receipt.KitId.Should().Be(kitId);
        receipt.PackageSha256.Should().Be(CapturePackage.Sha256Hex(package));
        receipt.Items.Should().BeEquivalentTo(captures.Select(c => new FieldReceiptItem(c.IdempotencyKey, FieldReceiptOutcome.Added)));

        await using (var db = app.SystemContext())
        {
            var saved = await db.Applications.AsNoTracking().Include(a => a.Capture).Where(a => a.FieldKitId == kitId).OrderBy(a => a.SubmittedAt).ToListAsync();
            saved.Select(a => a.MemberId).Should().Equal(first, second);
            saved.Select(a => a.IdempotencyKey).Should().Equal(captures.Select(c => c.IdempotencyKey));
            saved[0].SubmittedAt.Should().Be(capturedAt);
            saved[0].Capture!.CapturedAt.Should().Be(capturedAt);
            saved[0].SubmittedBy.Should().Be(officer);
            saved.Should().OnlyContain(a => a.Verification == VerificationStatus.Pending && a.NextVerificationAt <= DateTime.UtcNow && a.State == ApplicationState.Submitted);
            var audit = await db.AuditEntries.AsNoTracking().Where(e => e.Action == AuditAction.FieldImport && e.Target!.Contains(kitId.ToString())).ToListAsync();
            audit.Should().Contain(e => e.MemberId == first && e.Target!.Contains("field capture"));
            audit.Should().Contain(e => e.MemberId == second && e.Target!.Contains("field capture"));
            (await db.AuditEntries.AnyAsync(e => e.Action == AuditAction.FieldImport && e.MemberId == first && e.Target!.Contains("FieldTransfer export"))).Should().BeTrue();
        }

        (await ReceivedOnAsync(day)).Should().Be(dayBefore + 2, "field captures count on the day they were made");

        // The re-check asks the registry now, as for any pending record of the desk.
        var worker = app.Factory.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PartyCardIntake.Web.Features.Desk.VerificationWorker>().Single();
        await worker.RunOnceAsync(CancellationToken.None);
        await using (var db = app.SystemContext())
        {
            (await db.Applications.Where(a => a.FieldKitId == kitId).Select(a => a.Verification).ToListAsync())
                .Should().NotContain(VerificationStatus.Pending, "the built-in registry answers every member");
        }

        // The same file again: the same receipt, nothing written.
        var counts = await CountsAsync();
        var again = await importer.ImportAsync(package);
        again.Succeeded.Should().BeTrue();
        again.Repeated.Should().BeTrue();
        again.Receipt.Should().Equal(result.Receipt);
        (await CountsAsync()).Should().Be(counts);

        // Another package with one capture already imported and one new: present, added.
        var next = laptop.Package([captures[1], laptop.Capture(third, capturedAt.AddHours(1))]);
        var overlap = await importer.ImportAsync(next);
        (overlap.Import!.Added, overlap.Import.AlreadyPresent, overlap.Import.Flagged).Should().Be((1, 1, 0));
        await using (var db = app.SystemContext())
        {
            (await db.Applications.CountAsync(a => a.FieldKitId == kitId)).Should().Be(3);
        }

        var kits = await circuit.Get<FieldKitMaker>().KitsAsync();
        kits.Single(k => k.Id == kitId).Packages.Should().Be(2);
    }

    [Fact]
    public async Task A_flipped_byte_or_a_package_cut_short_is_refused_whole()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var member = await MemberWithVisitAsync(officer, VietnamToday.AddDays(1));
        var (laptop, _) = await KitAsync(officer, VietnamToday, VietnamToday.AddDays(1));
        var package = laptop.Package([laptop.Capture(member, DateTime.UtcNow.AddMinutes(1))]);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var importer = circuit.Get<FieldPackageImporter>();
        var before = await CountsAsync();

        foreach (var position in new[] { 3, 9, 40, package.Length / 2, package.Length - 70, package.Length - 1 })
        {
            var tampered = (byte[])package.Clone();
            tampered[position] ^= 0x01;
            var result = await importer.ImportAsync(tampered);
            result.Succeeded.Should().BeFalse($"byte {position} was flipped");
            if (position >= package.Length / 2)
            {
                result.Error.Should().Be(Corrupt);
            }
        }

        foreach (var length in new[] { package.Length - 1, package.Length / 2, 20 })
        {
            (await importer.ImportAsync(package[..length])).Error.Should().Be(Corrupt, $"cut at {length}");
        }

        (await CountsAsync()).Should().Be(before);
        (await importer.ImportAsync(package)).Import!.Added.Should().Be(1, "the untouched package still goes in");
    }

    [Fact]
    public async Task A_member_captured_at_both_places_gives_one_record_and_one_flag()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var member = await MemberWithVisitAsync(officer, VietnamToday.AddDays(1));
        var (laptop, kitId) = await KitAsync(officer, VietnamToday, VietnamToday.AddDays(1));
        var capture = laptop.Capture(member, DateTime.UtcNow.AddMinutes(1));

        // Meanwhile the member came to the station.
        Guid stationRecord;
        await using (var db = app.SystemContext())
        {
            var row = await db.PartyMembers.SingleAsync(m => m.Id == member);
            var application = Application.Submit(Guid.CreateVersion7(), row, null, null, officer, DateTime.UtcNow);
            db.Applications.Add(application);
            await db.SaveChangesAsync();
            stationRecord = application.Id;
        }

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var package = laptop.Package([capture]);
        var result = await circuit.Get<FieldPackageImporter>().ImportAsync(package);
        (result.Import!.Added, result.Import.Flagged).Should().Be((0, 1));
        laptop.Receipt(result.Receipt!).Items.Should().ContainSingle(i => i.Outcome == FieldReceiptOutcome.Flagged);
        (await circuit.Get<FieldPackageImporter>().ImportAsync(laptop.Package([capture]))).Import!.AlreadyPresent.Should().Be(1);

        await using (var db = app.SystemContext())
        {
            (await db.Applications.Where(a => a.MemberId == member).Select(a => a.Id).ToListAsync()).Should().Equal(stationRecord);
            var flag = await db.FieldCaptureFlags.SingleAsync(f => f.MemberId == member);
            (flag.KitId, flag.StationApplicationId, flag.IdempotencyKey).Should().Be((kitId, stationRecord, capture.IdempotencyKey));
        }

        var queries = circuit.Get<FieldPackageQueries>();
        var open = (await queries.OpenFlagsAsync()).Single(f => f.MemberId == member);
        (await queries.ResolveAsync(open.Id)).Should().BeTrue();
        (await queries.OpenFlagsAsync()).Should().NotContain(f => f.MemberId == member);
    }

    [Fact]
    public async Task Packages_of_another_commune_an_unknown_kit_a_revoked_kit_or_after_expiry_are_refused()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var member = await MemberWithVisitAsync(officer, VietnamToday);
        var (laptop, kitId) = await KitAsync(officer, VietnamToday, VietnamToday);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var importer = circuit.Get<FieldPackageImporter>();
        var before = await CountsAsync();

        // Another commune's kit, with its own keys.
        var otherKit = await OtherCommuneKitAsync();
        var other = await importer.ImportAsync(otherKit);
        (other.StatusCode, other.Error).Should().Be((403, "Gói dữ liệu của xã/phường khác."));

        // A kit this station never made (its keys are real, its id unknown).
        var unknown = SealForeign(Guid.NewGuid(), laptop.Kit.Commune.Code, out _);
        (await importer.ImportAsync(unknown)).Error.Should().Be("Gói dữ liệu được tạo từ bộ dữ liệu không có ở trạm này.");

        // The kit's own keys, another commune's code in the package.
        var otherCode = await CommuneCodeAsync(app.CommuneTwo);
        (await importer.ImportAsync(laptop.Package([laptop.Capture(member, DateTime.UtcNow)], communeCode: otherCode))).Error.Should().Contain("Mã xã/phường");

        // Captures outside the kit's life.
        var expiresAt = VietnamTime(VietnamToday.AddDays(1)).AddSeconds(-1);
        (await importer.ImportAsync(laptop.Package([laptop.Capture(member, expiresAt.AddMinutes(1))]))).Error.Should().Contain("ngoài thời hạn");
        (await importer.ImportAsync(laptop.Package([laptop.Capture(member, DateTime.UtcNow.AddDays(-1))]))).Error.Should().Contain("ngoài thời hạn");
        (await CountsAsync()).Should().Be(before);

        // Revoked: refused from then on.
        var maker = circuit.Get<FieldKitMaker>();
        (await maker.RevokeAsync(kitId)).Succeeded.Should().BeTrue();
        (await maker.RevokeAsync(kitId)).Message.Should().Contain("đã bị thu hồi");
        (await maker.KitsAsync()).Single(k => k.Id == kitId).State.Should().Be(FieldKitStatus.Revoked);
        var revoked = await importer.ImportAsync(laptop.Package([laptop.Capture(member, DateTime.UtcNow)]));
        (revoked.StatusCode, revoked.Error).Should().Be((409, "Bộ dữ liệu của gói này đã bị thu hồi; gói không được nhập."));
        (await CountsAsync()).Applications.Should().Be(before.Applications);
    }

    [Fact]
    public async Task A_lead_of_another_commune_sees_no_kit_and_cannot_revoke_one()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        await MemberWithVisitAsync(officer, VietnamToday.AddDays(1));
        var (_, kitId) = await KitAsync(officer, VietnamToday, VietnamToday.AddDays(1));

        await using var scope = await LeadOfCommuneTwoAsync();
        var maker = scope.ServiceProvider.GetRequiredService<FieldKitMaker>();
        // Other tests give the second commune kits of its own; none of the first commune's shows.
        (await maker.KitsAsync()).Should().NotContain(k => k.Id == kitId);
        (await maker.RevokeAsync(kitId)).Message.Should().Be("Không tìm thấy bộ dữ liệu này ở xã/phường của bạn.");
        await using (var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await lead.Get<FieldKitMaker>().KitsAsync()).Should().Contain(k => k.Id == kitId, "the lead of its own commune sees it");
        }

        await using var db = app.SystemContext();
        (await db.FieldKits.SingleAsync(k => k.Id == kitId)).RevokedAt.Should().BeNull();

        // The committee reads planning, but kits are the lead's.
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        (await committee.Get<FieldKitMaker>().KitsAsync()).Should().BeEmpty();
    }

    [Fact]
    public async Task The_api_answers_the_receipt_and_refuses_with_problems_naming_the_package()
    {
        var officer = await UserIdAsync(DemoAccounts.Officer);
        var member = await MemberWithVisitAsync(officer, VietnamToday.AddDays(1));
        var (laptop, kitId) = await KitAsync(officer, VietnamToday, VietnamToday.AddDays(1));
        var package = laptop.Package([laptop.Capture(member, DateTime.UtcNow.AddMinutes(1))]);
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);

        using (var ok = await PostAsync(client, package, "application/octet-stream"))
        {
            ok.StatusCode.Should().Be(HttpStatusCode.OK);
            ok.Content.Headers.ContentType!.MediaType.Should().Be("application/json");
            var receipt = laptop.Receipt(await ok.Content.ReadAsByteArrayAsync());
            (receipt.KitId, receipt.Items.Single().Outcome).Should().Be((kitId, FieldReceiptOutcome.Added));
        }

        await AssertProblemAsync(await PostAsync(client, package, "text/plain"), HttpStatusCode.UnsupportedMediaType, "application/octet-stream");
        await AssertProblemAsync(await PostAsync(client, new byte[(8 * 1024 * 1024) + 1], "application/octet-stream"), HttpStatusCode.RequestEntityTooLarge, "quá lớn");
        await AssertProblemAsync(await PostAsync(client, "not a package"u8.ToArray(), "application/octet-stream"), HttpStatusCode.BadRequest, "không nhập gì");
        await AssertProblemAsync(await PostAsync(client, await OtherCommuneKitAsync(), "application/octet-stream"), HttpStatusCode.Forbidden, "xã/phường khác");

        // A bearer token works as the cookie does; the same file again gives the same receipt.
        using var bearer = await PartyCardIntake.IntegrationTests.Api.ApiClients.BearerAsync(app.Factory, DemoAccounts.Lead);
        using (var again = await PostAsync(bearer, package, "application/octet-stream"))
        {
            again.StatusCode.Should().Be(HttpStatusCode.OK);
            laptop.Receipt(await again.Content.ReadAsByteArrayAsync()).Items.Single().Outcome.Should().Be(FieldReceiptOutcome.Added);
        }

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        using var denied = await PostAsync(committee, package, "application/octet-stream");
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        await using var db = app.SystemContext();
        (await db.Applications.CountAsync(a => a.FieldKitId == kitId)).Should().Be(1);
    }

    [Fact]
    public async Task Concurrent_first_uses_of_a_communes_station_key_make_one_key()
    {
        // The second commune's key is used by no other test: start it from nothing.
        await using (var db = app.SystemContext())
        {
            await db.FieldStationKeys.IgnoreQueryFilters().Where(k => k.CommuneId == app.CommuneTwo).ExecuteDeleteAsync();
        }

        var keys = app.Factory.Services.GetRequiredService<FieldStationKeys>();
        var made = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var key = await keys.GetOrCreateAsync(app.CommuneTwo);
            return Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        }));

        made.Distinct().Should().ContainSingle();
        await using (var db = app.SystemContext())
        {
            var row = await db.FieldStationKeys.IgnoreQueryFilters().SingleAsync(k => k.CommuneId == app.CommuneTwo);
            Convert.ToBase64String(row.PublicKey).Should().Be(made[0]);
            row.PrivateKeyProtected.Should().NotStartWith("MIG", "the private half is stored protected, not as plain PKCS#8");
        }
    }

    [Fact]
    public async Task The_pages_are_the_leads_and_linked_from_home_visits()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        (await lead.GetStringAsync("/home-visits")).Should().Contain("href=\"/home-visits/kits\"");
        var kits = await lead.GetStringAsync("/home-visits/kits");
        kits.Should().Contain("Bộ dữ liệu thực địa").And.Contain("data-testid=\"fk-form\"").And.Contain("Máy lưu động");
        (await lead.GetStringAsync("/home-visits/packages")).Should().Contain("Nhập gói thu nhận").And.Contain("data-testid=\"fp-file\"");

        foreach (var account in new[] { DemoAccounts.Officer, DemoAccounts.Committee })
        {
            using var other = await app.SignedInClientAsync(account);
            foreach (var path in new[] { "/home-visits/kits", "/home-visits/packages" })
            {
                using var denied = await other.GetAsync(path);
                denied.StatusCode.Should().Be(HttpStatusCode.Redirect, $"{account} {path}");
                denied.Headers.Location!.ToString().Should().Contain("/account/denied");
            }
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        return await client.PostAsync("/api/v1/field/packages", content);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string message)
    {
        using (response)
        {
            response.StatusCode.Should().Be(status);
            response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
            var body = await response.Content.ReadAsStringAsync();
            body.Should().Contain("\"package\"", body);
            using var problem = JsonDocument.Parse(body);
            problem.RootElement.GetProperty("errors").GetProperty("package")[0].GetString().Should().Contain(message);
        }
    }

    private async Task<(FieldLaptop Laptop, Guid KitId)> KitAsync(string officerId, DateOnly from, DateOnly to)
    {
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var maker = circuit.Get<FieldKitMaker>();
        var result = await maker.MakeAsync(await FormAsync(maker, officerId, from, to));
        result.Succeeded.Should().BeTrue(result.Message ?? string.Join("; ", result.Errors?.Select(e => e.Message) ?? []));
        var laptop = FieldLaptop.Open(result.Made!.File, result.Made.Passphrase);
        return (laptop, laptop.Kit.KitId);
    }

    private static async Task<FieldKitForm> FormAsync(FieldKitMaker maker, string officerId, DateOnly from, DateOnly to) => new()
    {
        OfficerId = officerId,
        From = from.ToDateTime(TimeOnly.MinValue),
        To = to.ToDateTime(TimeOnly.MinValue),
        DeviceId = (await maker.StationsAsync())[0].DeviceId,
    };

    /// <summary>A kit row of the second commune with keys of its own, and a package sealed for it.</summary>
    private async Task<byte[]> OtherCommuneKitAsync()
    {
        var kitId = Guid.CreateVersion7();
        var code = await CommuneCodeAsync(app.CommuneTwo);
        var package = SealForeign(kitId, code, out var key);
        var protector = app.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(FieldKitMaker.ReturnKeyPurpose);
        await using var db = app.SystemContext();
        db.FieldKits.Add(new FieldKit
        {
            Id = kitId,
            CommuneId = app.CommuneTwo,
            OfficerId = await UserIdAsync(DemoAccounts.Officer2),
            OfficerUserName = DemoAccounts.Officer2,
            ValidFrom = VietnamToday,
            ValidTo = VietnamToday,
            ExpiresAt = DateTime.UtcNow.AddDays(1),
            CreatedAt = DateTime.UtcNow.AddMinutes(-1),
            CreatedBy = "test",
            MemberCount = 0,
            PackageVerifyKey = key,
            ReturnKeyProtected = Convert.ToBase64String(protector.Protect(new byte[32])),
            KitSha256 = new string('0', 64),
        });
        await db.SaveChangesAsync();
        return package;
    }

    private static byte[] SealForeign(Guid kitId, string communeCode, out byte[] publicKey)
    {
        using var signer = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        publicKey = signer.ExportSubjectPublicKeyInfo();
        var plaintext = CapturePackage.Write(new CapturePackageContent(kitId, communeCode, DateTimeOffset.UtcNow, [], []));
        var header = new FieldEnvelopeHeader(FieldEnvelope.CurrentFormat, kitId, communeCode, DateTimeOffset.UtcNow, publicKey);
        return FieldEnvelope.Seal(FieldFileKind.Package, header, plaintext, new byte[32], signer);
    }

    private async Task<AsyncServiceScope> LeadOfCommuneTwoAsync()
    {
        await using var db = app.SystemContext();
        var province = await db.Communes.Where(c => c.Id == app.CommuneTwo).Select(c => c.ProvinceId).SingleAsync();
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "test-lead-two"),
                new Claim(ClaimTypes.Name, "test.lead.two"),
                new Claim(ClaimTypes.Role, AppRoles.StationLead),
                new Claim(ScopeClaims.Commune, app.CommuneTwo.ToString(CultureInfo.InvariantCulture)),
                new Claim(ScopeClaims.Province, province.ToString(CultureInfo.InvariantCulture)),
            ],
            IdentityConstants.ApplicationScheme);
        var scope = app.Factory.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(new ClaimsPrincipal(identity));
        return scope;
    }

    private sealed record Counts(int Applications, int Captures, int Flags, int Imports, int Audit);

    private async Task<Counts> CountsAsync()
    {
        await using var db = app.SystemContext();
        return new Counts(
            await db.Applications.CountAsync(),
            await db.ApplicationCaptures.CountAsync(),
            await db.FieldCaptureFlags.CountAsync(),
            await db.FieldPackageImports.CountAsync(),
            await db.AuditEntries.CountAsync());
    }

    private async Task<int> ReceivedOnAsync(DateOnly day)
    {
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var report = await circuit.Get<DailyReportService>().ForAsync(await CommuneCodeAsync(app.CommuneOne), day);
        return report!.Figures.ReceivedToday;
    }

    /// <summary>UTC of the start of a Vietnamese day.</summary>
    private static DateTime VietnamTime(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue).AddHours(-7), DateTimeKind.Utc);

    private async Task<string> CommuneCodeAsync(int communeId)
    {
        await using var db = app.SystemContext();
        return await db.Communes.Where(c => c.Id == communeId).Select(c => c.Code).SingleAsync();
    }

    private async Task<string> UserIdAsync(string userName)
    {
        await using var db = app.SystemContext();
        return await db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync();
    }

    /// <summary>An eligible member of the first commune without a record or a visit, different for every call.</summary>
    private async Task<int> FreeMemberAsync()
    {
        await using var db = app.SystemContext();
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == app.CommuneOne && m.Exemption == null)
            .Where(m => !db.Applications.Any(a => a.MemberId == m.Id) && !db.HomeVisits.Any(v => v.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => m.Id)
            .Take(500)
            .ToListAsync();
        return app.TakeMember(candidates);
    }

    private async Task<int> MemberWithVisitAsync(string officerId, DateOnly day, HomeVisitStatus status = HomeVisitStatus.Planned)
    {
        var member = await FreeMemberAsync();
        await using var db = app.SystemContext();
        // Before the visiting window, so that no booking of the home-visit tests (made through its rules) overlaps it.
        var start = day.ToDateTime(new TimeOnly(6, 0));
        db.HomeVisits.Add(new HomeVisit
        {
            CommuneId = app.CommuneOne,
            MemberId = member,
            Start = start,
            End = start.AddMinutes(30),
            Team = "Tổ lưu động 1",
            OfficerId = officerId,
            Address = "Số 1, thôn 2",
            Status = status,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return member;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : FieldKitTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : FieldKitTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : FieldKitTests(app);
}
