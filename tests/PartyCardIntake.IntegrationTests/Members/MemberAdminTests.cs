using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Members;

/// <summary>The committee's changes to a member: each audited, each bad input refused with a message.</summary>
public abstract class MemberAdminTests(AppFixture app)
{
    [Fact]
    public async Task Exempting_and_lifting_changes_eligibility_and_is_kept_in_the_history()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var done = await PostAsync(client, memberId, "exempt", new() { ["reason"] = "Abroad", ["note"] = "Công tác nước ngoài", ["on"] = "2025-08-01" });
        done.Should().Contain("Đã ghi nhận miễn cấp đổi.").And.Contain("Đang ở nước ngoài");

        var lifted = await PostAsync(client, memberId, "lift", []);
        lifted.Should().Contain("Đã bỏ miễn");

        await using var db = app.SystemContext();
        (await db.PartyMembers.SingleAsync(m => m.Id == memberId)).Exemption.Should().BeNull();
        var kinds = await db.MemberEvents.Where(e => e.MemberId == memberId).Select(e => e.Kind).ToListAsync();
        kinds.Should().Contain([MemberEventKind.Exempted, MemberEventKind.ExemptionLifted]);
    }

    [Fact]
    public async Task A_correction_with_an_impossible_date_of_birth_is_refused_and_nothing_changes()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        await using var before = app.SystemContext();
        var member = await before.PartyMembers.SingleAsync(m => m.Id == memberId);

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var page = await PostAsync(client, memberId, "correct", new() { ["fullName"] = "Tên Mới", ["dateOfBirth"] = "31/02/1950", ["sex"] = member.Sex.ToString() });
        page.Should().Contain("Ngày sinh phải theo dạng dd/MM/yyyy");

        var wrongYear = await PostAsync(client, memberId, "correct", new() { ["fullName"] = "Tên Mới", ["dateOfBirth"] = (member.BirthYear + 1).ToString(), ["sex"] = member.Sex.ToString() });
        wrongYear.Should().Contain("Năm sinh không khớp với chữ số thứ 5–6");

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

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var page = await PostAsync(client, memberId, "correct", new()
        {
            ["fullName"] = member.FullName + " Sửa",
            ["dateOfBirth"] = member.BirthYear.ToString(),
            ["sex"] = member.Sex.ToString(),
            ["note"] = "Theo giấy khai sinh",
        });
        page.Should().Contain("Đã sửa hồ sơ và đối chiếu lại.");

        await using var after = app.SystemContext();
        var corrected = await after.MemberEvents.SingleAsync(e => e.MemberId == memberId && e.Field == "FullName");
        corrected.OldValue.Should().Be(member.FullName);
        corrected.NewValue.Should().Be(member.FullName + " Sửa");
        corrected.Note.Should().Be("Theo giấy khai sinh");
        (await after.RegistryChecks.AnyAsync(c => c.MemberId == memberId && c.Source == CheckSource.Committee)).Should().BeTrue();
        (await after.WorklistItems.SingleAsync(w => w.MemberId == memberId)).Status.Should().Be(WorklistStatus.Open, "the party record now differs from the registry");
    }

    [Fact]
    public async Task Accepting_a_difference_needs_a_reason()
    {
        var memberId = await FreeMemberAsync(app.CommuneOne);
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        await PostAsync(client, memberId, "recheck", []);
        var page = await PostAsync(client, memberId, "accept", new() { ["reason"] = "  " });
        page.Should().Contain("Lý do không được để trống.");
    }

    [Fact]
    public async Task The_committee_cannot_change_a_member_of_another_commune_and_an_officer_cannot_change_any()
    {
        var foreign = await FreeMemberAsync(app.CommuneTwo);
        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        var token = SignInClient.AntiforgeryToken(await committee.GetStringAsync("/members"));
        using (var response = await committee.PostAsync($"/members/{foreign}/exempt", Form(token, new() { ["reason"] = "Other" })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        }

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        var officerToken = SignInClient.AntiforgeryToken(await officer.GetStringAsync("/members"));
        var own = await FreeMemberAsync(app.CommuneOne);
        using (var response = await officer.PostAsync($"/members/{own}/exempt", Form(officerToken, new() { ["reason"] = "Other" })))
        {
            response.StatusCode.Should().Be(HttpStatusCode.Redirect);
            response.Headers.Location!.ToString().Should().Contain("/account/denied");
        }

        await using var db = app.SystemContext();
        (await db.PartyMembers.Where(m => m.Id == foreign || m.Id == own).AnyAsync(m => m.Exemption != null)).Should().BeFalse();
    }

    private static FormUrlEncodedContent Form(string token, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = token;
        return new FormUrlEncodedContent(fields);
    }

    private static Task<string> PostAsync(HttpClient client, int memberId, string action, Dictionary<string, string> fields) =>
        SignInClient.PostFormAndFollowAsync(client, $"/members/{memberId}", $"/members/{memberId}/{action}", fields);

    private async Task<int> FreeMemberAsync(int communeId)
    {
        await using var db = app.SystemContext();
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => m.Id)
            .Take(app.TakenMembers.Count + 50)
            .ToListAsync();
        lock (app.TakenMembers)
        {
            var id = candidates.First(c => !app.TakenMembers.Contains(c));
            app.TakenMembers.Add(id);
            return id;
        }
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberAdminTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberAdminTests(app);
}
