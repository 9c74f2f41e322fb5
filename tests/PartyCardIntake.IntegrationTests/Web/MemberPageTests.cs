using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;

namespace PartyCardIntake.IntegrationTests.Web;

public abstract class MemberPageTests(AppFixture app)
{
    [Fact]
    public async Task An_officer_cannot_open_a_member_of_another_commune_by_guessing_the_url()
    {
        await using var db = app.SystemContext();
        var foreign = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneTwo).OrderBy(m => m.Id).FirstAsync();

        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await client.GetAsync($"/members/{foreign.Id}");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("Không tìm thấy").And.NotContain(foreign.FullName).And.NotContain(foreign.IdNumber.Value);
    }

    [Fact]
    public async Task Filtering_by_another_communes_cell_shows_nobody()
    {
        await using var db = app.SystemContext();
        var foreignCell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneTwo).Select(c => c.Id).FirstAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        var html = await client.GetStringAsync($"/members?cell={foreignCell}");
        html.Should().Contain("Không có đảng viên phù hợp.");
    }

    [Fact]
    public async Task An_officer_opens_a_member_of_their_own_commune()
    {
        await using var db = app.SystemContext();
        var own = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).FirstAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        var html = await client.GetStringAsync($"/members/{own.Id}");
        html.Should().Contain(own.FullName).And.Contain(own.IdNumber.Value);
    }

    [Fact]
    public async Task Search_without_diacritics_finds_vietnamese_names_of_the_commune_only()
    {
        await using var db = app.SystemContext();
        var expected = await db.PartyMembers.CountAsync(m => m.CommuneId == app.CommuneOne && m.SearchName.Contains("nguyen van"));
        expected.Should().BeGreaterThan(0);

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        foreach (var query in new[] { "nguyen van", "NGUYỄN  VĂN", "Nguyễn Văn".Normalize(NormalizationForm.FormD) })
        {
            var html = await client.GetStringAsync($"/members?q={Uri.EscapeDataString(query)}");
            html.Should().Contain($"data-testid=\"member-count\">{expected:N0}".Replace(",", ".", StringComparison.Ordinal));
            html.Should().Contain("Nguyễn Văn");
        }
    }

    [Fact]
    public async Task Search_by_id_number_with_unicode_digits_explains_the_error()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        var html = await client.GetStringAsync($"/members?q={Uri.EscapeDataString("０２５０５５０００１２３")}");
        html.Should().Contain("chữ số không phải ASCII");
    }

    [Fact]
    public async Task Search_by_exact_id_number_finds_the_member()
    {
        await using var db = app.SystemContext();
        var own = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).Skip(10).FirstAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Lead);
        var html = await client.GetStringAsync($"/members?q={own.IdNumber.Value}");
        html.Should().Contain($"/members/{own.Id}\"").And.Contain("data-testid=\"member-count\">1 ");
    }

    [Fact]
    public async Task A_province_viewer_is_denied_the_member_list()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Province);
        using var response = await client.GetAsync("/members");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
        using var denied = await client.GetAsync(response.Headers.Location);
        denied.StatusCode.Should().Be(HttpStatusCode.Forbidden);
        (await denied.Content.ReadAsStringAsync()).Should().Contain("Không có quyền truy cập");
    }

    [Fact]
    public async Task Unknown_pages_answer_404_with_a_vietnamese_page()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await client.GetAsync("/khong-co-trang-nay");
        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Không tìm thấy");
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberPageTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberPageTests(app);
}
