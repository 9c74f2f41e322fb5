using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Import;

/// <summary>The committee's import, through the pages, on both providers.</summary>
public abstract partial class MemberImportTests(AppFixture app)
{
    private const string Header = "Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Chi bộ,Số thẻ đảng,Ngày vào Đảng,Điện thoại,Địa chỉ";

    [Fact]
    public async Task Bad_rows_are_shown_by_row_and_column_and_nothing_is_written_before_commit()
    {
        var cell = "Chi bộ Thử nhập " + Guid.NewGuid().ToString("N")[..6];
        var good = NewId(Sex.Male, 1950);
        var csv = string.Join('\n',
            Header,
            $"{good},Nguyễn Văn Nhập,12/03/1950,Nam,{cell},,,0912345678,Số 1",
            $"{NewId(Sex.Female, 1960)},Trần Thị Sai,12/03/1961,Nữ,{cell},,,,",
            $"０２５０５５０００１２３,Lê Văn Unicode,1955,Nam,{cell},,,,",
            $"{good},Nguyễn Văn Trùng,12/03/1950,Nam,{cell},,,,");
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var page = await UploadAsync(client, csv);

        page.Should().Contain("data-row=\"3\" data-code=\"id.year-mismatch\"");
        page.Should().Contain("data-row=\"4\" data-code=\"id.unicode-digits\"");
        page.Should().Contain("data-row=\"5\" data-code=\"row.duplicate-id\"");
        page.Should().Contain("Năm sinh không khớp").And.Contain("chữ số không phải ASCII").And.Contain("trùng với dòng 2");
        page.Should().Contain(cell);

        await using var db = app.SystemContext();
        (await db.PartyMembers.AnyAsync(m => m.FullName == "Nguyễn Văn Nhập")).Should().BeFalse();
    }

    [Fact]
    public async Task Committing_adds_the_valid_rows_and_re_importing_is_idempotent()
    {
        var cell = "Chi bộ Nhập lại " + Guid.NewGuid().ToString("N")[..6];
        var ids = Enumerable.Range(0, 3).Select(_ => NewId(Sex.Female, 1948)).ToList();
        string Csv(string suffix) => string.Join('\n', new[] { Header }.Concat(ids.Select((id, i) =>
            $"{id},Phạm Thị Nhập {i}{suffix},1948,Nữ,{cell},,,,")));

        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var first = await UploadAndCommitAsync(client, Csv(string.Empty), createCells: true);
        first.Should().Contain("thêm mới 3, cập nhật 0, không đổi 0").And.Contain("Đã tạo 1 chi bộ mới.");

        var again = await UploadAndCommitAsync(client, Csv(string.Empty), createCells: true);
        again.Should().Contain("thêm mới 0, cập nhật 0, không đổi 3");

        var changed = await UploadAndCommitAsync(client, Csv(" Mới"), createCells: true);
        changed.Should().Contain("thêm mới 0, cập nhật 3, không đổi 0");

        await using var db = app.SystemContext();
        var members = await db.PartyMembers.Where(m => m.PartyCell!.Name == cell).ToListAsync();
        members.Should().HaveCount(3).And.OnlyContain(m => m.FullName.EndsWith(" Mới", StringComparison.Ordinal));
        var memberIds = members.Select(m => m.Id).ToList();
        (await db.MemberEvents.CountAsync(e => memberIds.Contains(e.MemberId) && e.Kind == MemberEventKind.ImportUpdated && e.Field == "FullName")).Should().Be(3);
        (await db.PartyCells.CountAsync(c => c.Name == cell)).Should().Be(1);
    }

    [Fact]
    public async Task Rows_of_an_unknown_cell_are_skipped_when_the_committee_does_not_create_it()
    {
        var cell = "Chi bộ Không tạo " + Guid.NewGuid().ToString("N")[..6];
        var csv = string.Join('\n', Header, $"{NewId(Sex.Male, 1952)},Đỗ Văn Bỏ Qua,1952,Nam,{cell},,,,");
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var done = await UploadAndCommitAsync(client, csv, createCells: false);
        done.Should().Contain("Bỏ qua 1 dòng");
        await using var db = app.SystemContext();
        (await db.PartyCells.AnyAsync(c => c.Name == cell)).Should().BeFalse();
    }

    [Fact]
    public async Task A_file_that_is_not_a_member_list_is_refused_with_a_message()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var pdf = await UploadAsync(client, "%PDF-1.7\n%âãÏÓ\n1 0 obj\n", "danh-sach.pdf");
        pdf.Should().Contain("Chỉ nhận tệp CSV hoặc XLSX");

        var missing = await UploadAsync(client, "Họ và tên,Giới tính\nNguyễn Văn A,Nam");
        missing.Should().Contain("Tệp thiếu cột bắt buộc").And.Contain("Số định danh cá nhân");
    }

    [Fact]
    public async Task The_templates_can_be_downloaded_and_imported_as_they_are()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var csv = await client.GetByteArrayAsync("/members/import/template.csv");
        csv.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        (await client.GetByteArrayAsync("/members/import/template.xlsx")).Take(2).Should().Equal((byte)'P', (byte)'K');
        var page = await UploadAsync(client, Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        page.Should().Contain("data-testid=\"import-valid\">2<");
    }

    [Fact]
    public async Task An_officer_cannot_import()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await client.GetAsync("/members/import");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private static readonly Random Serials = new();

    private static string NewId(Sex sex, int year)
    {
        lock (Serials)
        {
            return PersonalIdNumber.Create("035", sex, year, Serials.Next(100_000, 999_999)).Value;
        }
    }

    private static async Task<string> UploadAsync(HttpClient client, string content, string fileName = "danh-sach.csv")
    {
        var token = SignInClient.AntiforgeryToken(await client.GetStringAsync("/members/import"));
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(content)), "file", fileName },
        };
        using var response = await client.PostAsync("/members/import/upload", form);
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        return await client.GetStringAsync(response.Headers.Location);
    }

    private static async Task<string> UploadAndCommitAsync(HttpClient client, string content, bool createCells)
    {
        var preview = await UploadAsync(client, content);
        var id = ImportId().Match(preview).Groups[1].Value;
        var fields = new Dictionary<string, string> { ["__RequestVerificationToken"] = SignInClient.AntiforgeryToken(preview) };
        if (createCells)
        {
            fields["createCells"] = "true";
        }

        using var commit = await client.PostAsync($"/members/import/{id}/commit", new FormUrlEncodedContent(fields));
        commit.StatusCode.Should().Be(HttpStatusCode.Redirect);

        // The background worker writes the rows; the page shows the result once it is done.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        string page;
        do
        {
            await Task.Delay(200);
            page = await client.GetStringAsync($"/members/import/{id}");
        }
        while (!page.Contains("data-state=\"Committed\"", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
        return page;
    }

    [GeneratedRegex("action=\"/members/import/([0-9]+)/commit\"")]
    private static partial Regex ImportId();

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberImportTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberImportTests(app);
}
