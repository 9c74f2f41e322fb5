using FluentValidation;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Members;

namespace PartyCardIntake.IntegrationTests.Members;

/// <summary>
/// The committee's changes to a member, as the interactive member page makes them: through MemberAdmin with the
/// page's form validators, each change audited and kept in the history, each bad input refused with a Vietnamese
/// message for the field it concerns.
/// </summary>
public abstract class MemberAdminTests(AppFixture app)
{
    [Fact]
    public async Task Exempting_and_lifting_changes_eligibility_and_the_history_says_so_in_vietnamese_with_the_start_date()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var admin = committee.Get<MemberAdmin>();
        var since = await LastAuditIdAsync();

        (await admin.ExemptAsync(memberId, ExemptionReason.Abroad, "Công tác nước ngoài", new DateOnly(2025, 8, 1))).Outcome.Should().Be(MemberChangeOutcome.Done);
        var details = await committee.Get<MemberQueries>().FindAsync(memberId);
        (details!.Exemption, details.ExemptedOn).Should().Be((ExemptionReason.Abroad, new DateOnly(2025, 8, 1)));

        (await admin.LiftExemptionAsync(memberId)).Outcome.Should().Be(MemberChangeOutcome.Done);

        var history = (await committee.Get<MemberHistory>().ForAsync(memberId))!.History;
        var exempted = history.Should().ContainSingle(h => h.Kind == "Event_Exempted").Subject;
        (exempted.What, exempted.Detail, exempted.Note, exempted.Since).Should().Be(("Miễn cấp đổi", "Đang ở nước ngoài", "Công tác nước ngoài", new DateOnly(2025, 8, 1)));
        var lifted = history.Should().ContainSingle(h => h.Kind == "Event_ExemptionLifted").Subject;
        (lifted.What, lifted.Detail).Should().Be(("Bỏ miễn", "Lý do trước đó: Đang ở nước ngoài"));
        history.SelectMany(h => new[] { h.What, h.Detail, h.Note }).Should().NotContain(text => text != null && (text.Contains("Abroad") || text.Contains("Exempt")), "no enum name reaches the user");

        await using var db = app.SystemContext();
        (await db.PartyMembers.SingleAsync(m => m.Id == memberId)).Exemption.Should().BeNull();
        var kinds = await db.MemberEvents.Where(e => e.MemberId == memberId).Select(e => e.Kind).ToListAsync();
        kinds.Should().Contain([MemberEventKind.Exempted, MemberEventKind.ExemptionLifted]);
        var audit = await db.AuditEntries.Where(e => e.Id > since && e.MemberId == memberId).ToListAsync();
        audit.Where(e => e.Action == AuditAction.Change).Select(e => e.Target).Should().Equal(
            $"CHANGE /members/{memberId}/exempt → Done", $"CHANGE /members/{memberId}/lift → Done");
        audit.Should().OnlyContain(e => e.UserName == DemoAccounts.Committee && e.CommuneId == app.CommuneOne);
    }

    [Fact]
    public async Task Home_visit_flags_are_kept_in_the_history_as_yes_and_no()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        (await committee.Get<MemberAdmin>().SetHomeVisitAsync(memberId, true)).Succeeded.Should().BeTrue();

        var history = (await committee.Get<MemberHistory>().ForAsync(memberId))!.History;
        history.Should().ContainSingle(h => h.Kind == "Event_HomeVisitChanged").Which.Detail.Should().Be("Tiếp nhận tại nhà: Không → Có");
    }

    [Fact]
    public async Task The_exemption_form_refuses_a_missing_reason_a_future_day_and_other_without_a_note()
    {
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var validator = committee.Get<IValidator<ExemptionForm>>();
        var today = DateTime.UtcNow.AddHours(7).Date;

        Messages(validator.Validate(new ExemptionForm { On = today })).Should().Equal(("Reason", "Chọn lý do miễn."));
        Messages(validator.Validate(new ExemptionForm { Reason = ExemptionReason.Abroad, On = today.AddDays(2) }))
            .Should().Equal(("On", "Ngày bắt đầu miễn không được sau hôm nay."));
        Messages(validator.Validate(new ExemptionForm { Reason = ExemptionReason.Other, On = today, Note = "  " }))
            .Should().Equal(("Note", "Với «Lý do khác», ghi rõ lý do vào ô ghi chú."));
        validator.Validate(new ExemptionForm { Reason = ExemptionReason.Other, On = today, Note = "Đi lao động xa" }).IsValid.Should().BeTrue();
    }

    [Fact]
    public async Task A_member_with_an_application_cannot_be_exempted()
    {
        int memberId;
        await using (var db = app.SystemContext())
        {
            memberId = await db.Applications.Where(a => a.CommuneId == app.CommuneOne && a.State != ApplicationState.Cancelled)
                .Select(a => a.MemberId).FirstAsync();
        }

        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var result = await committee.Get<MemberAdmin>().ExemptAsync(memberId, ExemptionReason.SeriouslyIll, null, new DateOnly(2025, 8, 1));
        (result.Outcome, result.Message).Should().Be((MemberChangeOutcome.HasApplication, "Đảng viên đã có hồ sơ cấp đổi nên không thể miễn."));
    }

    [Fact]
    public async Task A_correction_with_an_impossible_date_of_birth_is_refused_and_nothing_changes()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var before = app.SystemContext();
        var member = await before.PartyMembers.SingleAsync(m => m.Id == memberId);

        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var validator = committee.Get<IValidator<CorrectionForm>>();
        var impossible = new CorrectionForm { FullName = "Tên Mới", DateOfBirth = "31/02/1950", Sex = member.Sex };
        Messages(validator.Validate(impossible)).Should().ContainSingle()
            .Which.Should().Match<(string Field, string Message)>(m => m.Field == "DateOfBirth" && m.Message.StartsWith("Ngày sinh phải theo dạng dd/MM/yyyy"));
        (await committee.Get<MemberAdmin>().CorrectAsync(memberId, impossible.ToInput())).Outcome.Should().Be(MemberChangeOutcome.BirthInvalid);
        foreach (var name in new[] { "<script>alert(1)</script>", "12345" })
        {
            Messages(validator.Validate(new CorrectionForm { FullName = name, DateOfBirth = "01/01/1950", Sex = member.Sex })).Should().ContainSingle()
                .Which.Should().Be(("FullName", "Tên phải có chữ cái và không chứa ký tự < hoặc >."));
        }


        var wrongYear = new CorrectionForm { FullName = "Tên Mới", DateOfBirth = (member.BirthYear + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Sex = member.Sex };
        validator.Validate(wrongYear).IsValid.Should().BeTrue("only the member's ID number knows the year");
        var refused = await committee.Get<MemberAdmin>().CorrectAsync(memberId, wrongYear.ToInput());
        refused.Outcome.Should().Be(MemberChangeOutcome.IdYearMismatch);
        refused.Message.Should().Contain("Năm sinh không khớp với chữ số thứ 5–6");

        await using var after = app.SystemContext();
        (await after.PartyMembers.SingleAsync(m => m.Id == memberId)).FullName.Should().Be(member.FullName);
        (await after.MemberEvents.AnyAsync(e => e.MemberId == memberId && e.Kind == MemberEventKind.Corrected)).Should().BeFalse();
    }

    [Fact]
    public async Task A_correction_keeps_the_old_and_new_value_and_re_checks_at_once()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var before = app.SystemContext();
        var member = await before.PartyMembers.SingleAsync(m => m.Id == memberId);

        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var result = await committee.Get<MemberAdmin>().CorrectAsync(memberId, new CorrectionInput(
            member.FullName + " Sửa", member.BirthYear.ToString(System.Globalization.CultureInfo.InvariantCulture), member.Sex, null, "Theo giấy khai sinh"));
        result.Outcome.Should().Be(MemberChangeOutcome.Done);

        await using var after = app.SystemContext();
        var corrected = await after.MemberEvents.SingleAsync(e => e.MemberId == memberId && e.Field == "FullName");
        corrected.OldValue.Should().Be(member.FullName);
        corrected.NewValue.Should().Be(member.FullName + " Sửa");
        corrected.Note.Should().Be("Theo giấy khai sinh");
        (await after.RegistryChecks.AnyAsync(c => c.MemberId == memberId && c.Source == CheckSource.Committee)).Should().BeTrue();
        (await after.WorklistItems.SingleAsync(w => w.MemberId == memberId)).Status.Should().Be(WorklistStatus.Open, "the party record now differs from the registry");

        var history = (await committee.Get<MemberHistory>().ForAsync(memberId))!.History;
        history.Should().Contain(h => h.Kind == "Event_Corrected" && h.Detail == $"Họ và tên: {member.FullName} → {member.FullName} Sửa");
        history.Should().Contain(h => h.Kind == "Check_Committee" && h.What == "Đối chiếu lại theo yêu cầu");
    }

    [Fact]
    public async Task Accepting_a_difference_needs_a_reason()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var admin = committee.Get<MemberAdmin>();
        (await admin.RecheckAsync(memberId)).Outcome.Should().Be(MemberChangeOutcome.Done);

        Messages(committee.Get<IValidator<AcceptDifferenceForm>>().Validate(new AcceptDifferenceForm { Reason = "  " }))
            .Should().Equal(("Reason", "Lý do không được để trống."));
        var refused = await admin.AcceptAsync(memberId, "  ");
        (refused.Outcome, refused.Message).Should().Be((MemberChangeOutcome.ReasonRequired, "Lý do không được để trống."));
        Messages(committee.Get<IValidator<RegistryUpdateForm>>().Validate(new RegistryUpdateForm()))
            .Should().Equal(("Note", "Ghi chú không được để trống."));
    }

    [Fact]
    public async Task The_committee_cannot_change_a_member_of_another_commune_and_an_officer_cannot_change_any()
    {
        var foreign = await FreeMemberAsync(app.CommuneTwo);
        var own = await FreeMemberAsync(app.CommuneOne);
        var since = await LastAuditIdAsync();

        await using (var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee))
        {
            (await committee.Get<MemberAdmin>().ExemptAsync(foreign, ExemptionReason.Other, "x", new DateOnly(2025, 8, 1))).Outcome.Should().Be(MemberChangeOutcome.NotFound);
        }

        await using (var officer = await CircuitScope.ForAsync(app, DemoAccounts.Officer))
        {
            var admin = officer.Get<MemberAdmin>();
            admin.MayChange.Should().BeFalse();
            (await admin.ExemptAsync(own, ExemptionReason.Other, "x", new DateOnly(2025, 8, 1))).Outcome.Should().Be(MemberChangeOutcome.Denied);
            (await admin.SetHomeVisitAsync(own, true)).Outcome.Should().Be(MemberChangeOutcome.Denied);
        }

        await using var db = app.SystemContext();
        (await db.PartyMembers.Where(m => m.Id == foreign || m.Id == own).AnyAsync(m => m.Exemption != null || m.NeedsHomeVisit)).Should().BeFalse();
        var audit = await db.AuditEntries.Where(e => e.Id > since && (e.MemberId == foreign || e.MemberId == own)).ToListAsync();
        audit.Should().Contain(e => e.Action == AuditAction.AccessDenied && e.MemberId == own && e.UserName == DemoAccounts.Officer);
        audit.Should().Contain(e => e.Action == AuditAction.Change && e.MemberId == foreign && e.Target!.EndsWith("→ NotFound"));
    }

    internal static IReadOnlyList<(string Field, string Message)> Messages(FluentValidation.Results.ValidationResult result) =>
        result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)).ToList();

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = app.SystemContext();
        return await db.AuditEntries.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    private async Task<int> FreeMemberAsync(int communeId)
    {
        await using var db = app.SystemContext();
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !m.NeedsHomeVisit && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => m.Id)
            .Take(app.TakenMembers.Count + 50)
            .ToListAsync();
        return app.TakeMember(candidates);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberAdminTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberAdminTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MemberAdminTests(app);
}
