using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Members;

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
        await using var officer = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        (await officer.Get<MemberQueries>().ListAsync(new MemberListQuery(CellId: foreignCell))).Total.Should().Be(0);

        // The page itself answers, whatever the address holds; the grid loads in the circuit.
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await client.GetAsync($"/members?cell={foreignCell}")).StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("/members?cell=abc")]
    [InlineData("/members?cell=1e3&page=-2&status=Nope&size=x")]
    [InlineData("/members?page=99999999999999999999")]
    [InlineData("/members?status=3&q=%00")]
    public async Task A_malformed_address_still_opens_the_list(string path)
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        using var response = await client.GetAsync(path);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).Should().Contain("Danh sách đảng viên");
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

        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        foreach (var query in new[] { "nguyen van", "NGUYỄN  VĂN", "Nguyễn Văn".Normalize(NormalizationForm.FormD) })
        {
            var page = await committee.Get<MemberQueries>().ListAsync(new MemberListQuery(Text: query));
            page.Total.Should().Be(expected, query);
            page.Rows.Should().OnlyContain(r => r.FullName.Contains("Nguyễn Văn"), query);
        }
    }

    [Fact]
    public async Task Search_by_id_number_with_unicode_digits_explains_the_error()
    {
        await using var officer = await CircuitScope.ForAsync(app, DemoAccounts.Officer);
        var page = await officer.Get<MemberQueries>().ListAsync(new MemberListQuery(Text: "０２５０５５０００１２３"));
        page.IdError.Should().NotBeNull();
        Labels.IdError(page.IdError!.Value).Should().Contain("chữ số không phải ASCII");
    }

    [Fact]
    public async Task Search_by_exact_id_number_finds_the_member()
    {
        await using var db = app.SystemContext();
        var own = await db.PartyMembers.Where(m => m.CommuneId == app.CommuneOne).OrderBy(m => m.Id).Skip(10).FirstAsync();
        await using var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var page = await lead.Get<MemberQueries>().ListAsync(new MemberListQuery(Text: own.IdNumber.Value));
        page.Total.Should().Be(1);
        page.Rows.Should().ContainSingle().Which.Id.Should().Be(own.Id);
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

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MemberPageTests(app);
}
