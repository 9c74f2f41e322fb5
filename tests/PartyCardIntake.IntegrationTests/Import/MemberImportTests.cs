using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.IntegrationTests.Sites;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Import;

namespace PartyCardIntake.IntegrationTests.Import;

/// <summary>
/// The committee's import through <see cref="ImportService"/>, as the import pages call it in their circuit, on both
/// providers; the worker writes the committed rows in the background and pushes its progress to the pages.
/// </summary>
public abstract class MemberImportTests(AppFixture app)
{
    private const string Header = "Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Chi bộ,Số thẻ đảng,Ngày vào Đảng,Điện thoại,Địa chỉ";

    [Fact]
    public async Task Bad_rows_are_listed_by_row_with_every_error_and_nothing_is_written_before_commit()
    {
        var cell = "Chi bộ Thử nhập " + Guid.NewGuid().ToString("N")[..6];
        var good = NewId(Sex.Male, 1950);
        var csv = string.Join('\n',
            Header,
            $"{good},Nguyễn Văn Nhập,12/03/1950,Nam,{cell},,,0912345678,Số 1",
            $"{NewId(Sex.Female, 1960)},Trần Thị Sai,12/03/1961,Nữ,{cell},,,,",
            $"０２５０５５０００１２３,Lê Văn Unicode,1955,Nam,{cell},,,,",
            $"{good},Nguyễn Văn Trùng,12/03/1950,Nam,{cell},,,,");
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var view = await UploadAsync(committee, csv);

        view.Errors.Select(e => (e.Row, e.Code)).Should().Contain([(3, "id.year-mismatch"), (4, "id.unicode-digits"), (5, "row.duplicate-id")]);
        view.RowsWithErrors.Select(r => r.Row).Should().Equal(3, 4, 5);
        view.ErrorRows.Should().Be(3);
        view.Import.ValidRows.Should().Be(1);
        view.UnknownCells.Should().Equal(cell);

        await using var db = app.SystemContext();
        (await db.PartyMembers.AnyAsync(m => m.FullName == "Nguyễn Văn Nhập")).Should().BeFalse();
    }

    [Fact]
    public async Task The_summary_counts_rows_with_errors_not_errors()
    {
        // Five bad rows, one of them with two problems: "5 dòng lỗi", not "6 lỗi".
        var cell = "Chi bộ Đếm dòng " + Guid.NewGuid().ToString("N")[..6];
        var rows = new List<string> { Header, $"{NewId(Sex.Male, 1950)},Nguyễn Văn Đúng,1950,Nam,{cell},,,," };
        rows.Add($"{NewId(Sex.Male, 1950)},,1950,X,{cell},,,,");
        for (var i = 0; i < 4; i++)
        {
            rows.Add($"{NewId(Sex.Male, 1950)},Nguyễn Văn Sai {i},1950,Nam,{cell},,,12345,");
        }

        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var view = await UploadAsync(committee, string.Join('\n', rows));

        view.Errors.Should().HaveCount(6);
        view.ErrorRows.Should().Be(5);
        view.Import.ErrorCount.Should().Be(5, "the stored count, shown in the list of recent imports, is of rows");
        view.RowsWithErrors.Single(r => r.Row == 3).Errors.Select(e => e.Code).Should().Equal("name.empty", "sex.invalid");
        (await committee.Get<ImportService>().RecentAsync()).Should().Contain(i => i.Id == view.Import.Id && i.ErrorCount == 5);
    }

    [Fact]
    public async Task Markup_in_a_name_and_a_foreign_phone_number_are_refused_beside_their_row()
    {
        var cell = "Chi bộ Kiểm tra " + Guid.NewGuid().ToString("N")[..6];
        var csv = string.Join('\n',
            Header,
            $"{NewId(Sex.Male, 1950)},<script>alert(1)</script>,1950,Nam,{cell},,,,",
            $"{NewId(Sex.Male, 1950)},Nguyễn <b>Văn</b> A,1950,Nam,{cell},,,,",
            $"{NewId(Sex.Male, 1950)},Nguyễn Văn B,1950,Nam,{cell},,,0112345678,",
            $"{NewId(Sex.Male, 1950)},Nguyễn Văn C,1950,Nam,Chi bộ <i>x</i>,,,,Số <1>");
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var view = await UploadAsync(committee, csv);

        view.Import.ValidRows.Should().Be(0);
        view.Errors.Select(e => (e.Row, e.Code)).Should().BeEquivalentTo([
            (2, "name.invalid"), (3, "name.invalid"), (4, "phone.invalid"), (5, "cell.invalid"), (5, "address.invalid")]);
    }

    [Fact]
    public async Task Committing_adds_the_valid_rows_pushes_progress_and_re_importing_is_idempotent()
    {
        var cell = "Chi bộ Nhập lại " + Guid.NewGuid().ToString("N")[..6];
        var ids = Enumerable.Range(0, 3).Select(_ => NewId(Sex.Female, 1948)).ToList();
        string Csv(string suffix) => string.Join('\n', new[] { Header }.Concat(ids.Select((id, i) =>
            $"{id},Phạm Thị Nhập {i}{suffix},1948,Nữ,{cell},,,,")));

        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var first = await UploadAndCommitAsync(committee, Csv(string.Empty), createCells: true);
        (first.Added, first.Changed, first.Unchanged, first.CellsCreated).Should().Be((3, 0, 0, 1));

        var again = await UploadAndCommitAsync(committee, Csv(string.Empty), createCells: true);
        (again.Added, again.Changed, again.Unchanged).Should().Be((0, 0, 3));

        var changed = await UploadAndCommitAsync(committee, Csv(" Mới"), createCells: true);
        (changed.Added, changed.Changed, changed.Unchanged).Should().Be((0, 3, 0));

        await using var db = app.SystemContext();
        var members = await db.PartyMembers.Where(m => m.PartyCell!.Name == cell).ToListAsync();
        members.Should().HaveCount(3).And.OnlyContain(m => m.FullName.EndsWith(" Mới", StringComparison.Ordinal));
        var memberIds = members.Select(m => m.Id).ToList();
        (await db.MemberEvents.CountAsync(e => memberIds.Contains(e.MemberId) && e.Kind == MemberEventKind.ImportUpdated && e.Field == "FullName")).Should().Be(3);
        (await db.PartyCells.CountAsync(c => c.Name == cell)).Should().Be(1);

        // Committed once: it cannot be committed or discarded again.
        var service = committee.Get<ImportService>();
        (await service.CommitAsync(changed.Id, createUnknownCells: true)).Problem.Should().Be(ImportProblem.NotCommittable);
        (await service.DiscardAsync(changed.Id)).Problem.Should().Be(ImportProblem.NotCommittable);
    }

    [Fact]
    public async Task Rows_of_an_unknown_cell_are_skipped_when_the_committee_does_not_create_it()
    {
        var cell = "Chi bộ Không tạo " + Guid.NewGuid().ToString("N")[..6];
        var csv = string.Join('\n', Header, $"{NewId(Sex.Male, 1952)},Đỗ Văn Bỏ Qua,1952,Nam,{cell},,,,");
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var done = await UploadAndCommitAsync(committee, csv, createCells: false);
        done.Skipped.Should().Be(1);
        await using var db = app.SystemContext();
        (await db.PartyCells.AnyAsync(c => c.Name == cell)).Should().BeFalse();
    }

    [Fact]
    public async Task A_discarded_import_is_never_written()
    {
        var csv = string.Join('\n', Header, $"{NewId(Sex.Male, 1952)},Đỗ Văn Hủy,1952,Nam,Chi bộ Hủy,,,,");
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var service = committee.Get<ImportService>();
        var view = await UploadAsync(committee, csv);
        (await service.DiscardAsync(view.Import.Id)).Succeeded.Should().BeTrue();
        (await service.GetAsync(view.Import.Id))!.Import.State.Should().Be(ImportState.Discarded);
        (await service.CommitAsync(view.Import.Id, createUnknownCells: true)).Problem.Should().Be(ImportProblem.NotCommittable);
    }

    [Fact]
    public async Task A_file_that_is_not_a_member_list_is_refused_with_its_reason()
    {
        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var service = committee.Get<ImportService>();

        using var pdf = new MemoryStream(Encoding.UTF8.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj\n"));
        var refused = await service.UploadAsync(pdf, "danh-sach.pdf");
        refused.FileError.Should().Be(ImportErrorCodes.FileUnsupported);
        Labels(refused.FileError!).Should().Contain("Chỉ nhận tệp CSV hoặc XLSX");

        using var empty = new MemoryStream();
        (await service.UploadAsync(empty, "danh-sach.csv")).FileError.Should().Be(ImportErrorCodes.FileEmpty);

        var missing = await UploadAsync(committee, "Họ và tên,Giới tính\nNguyễn Văn A,Nam");
        missing.Import.State.Should().Be(ImportState.Rejected);
        missing.Import.FileError.Should().Be(ImportErrorCodes.FileMissingColumns);
        missing.Errors.Should().Contain(e => e.Code == ImportErrorCodes.FileMissingColumns && e.Value!.Contains("Số định danh cá nhân"));
    }

    [Fact]
    public async Task The_templates_can_be_downloaded_and_imported_as_they_are()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        var csv = await client.GetByteArrayAsync("/members/import/template.csv");
        csv.Take(3).Should().Equal(0xEF, 0xBB, 0xBF);
        (await client.GetByteArrayAsync("/members/import/template.xlsx")).Take(2).Should().Equal((byte)'P', (byte)'K');

        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var view = await UploadAsync(committee, Encoding.UTF8.GetString(csv, 3, csv.Length - 3));
        view.Import.ValidRows.Should().Be(2);
        view.ErrorRows.Should().Be(0);
    }

    [Fact]
    public async Task An_officer_cannot_import_neither_the_page_nor_the_service()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await client.GetAsync("/members/import");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");

        // The commune has an import (a rejected one), so an empty list for the officer means refused, not nothing there.
        await using (var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee))
        {
            await UploadAsync(committee, "Họ và tên,Giới tính\nNguyễn Văn A,Nam");
            (await committee.Get<ImportService>().RecentAsync()).Should().NotBeEmpty();
        }

        await using var officer = await ServiceAs.UserAsync(app, DemoAccounts.Officer);
        var service = officer.Get<ImportService>();
        using var content = new MemoryStream(Encoding.UTF8.GetBytes(Header));
        (await service.UploadAsync(content, "danh-sach.csv")).Problem.Should().Be(ImportProblem.Forbidden);
        (await service.RecentAsync()).Should().BeEmpty();
        (await service.CommitAsync(1, true)).Problem.Should().Be(ImportProblem.Forbidden);
    }

    [Fact]
    public async Task Another_communes_import_does_not_exist_for_the_committee()
    {
        int foreign;
        await using (var db = app.SystemContext())
        {
            var import = new MemberImport
            {
                CommuneId = app.CommuneTwo, FileName = "xa-khac.csv", UploadedAt = DateTime.UtcNow, UploadedBy = "other", State = ImportState.Validated,
                DataRows = 1, ValidRows = 1, RowsJson = "[]",
            };
            db.MemberImports.Add(import);
            await db.SaveChangesAsync();
            foreign = import.Id;
        }

        await using var committee = await ServiceAs.UserAsync(app, DemoAccounts.Committee);
        var service = committee.Get<ImportService>();
        (await service.GetAsync(foreign)).Should().BeNull();
        (await service.CommitAsync(foreign, true)).Problem.Should().Be(ImportProblem.NotFound);
        (await service.DiscardAsync(foreign)).Problem.Should().Be(ImportProblem.NotFound);
        (await service.RecentAsync()).Should().NotContain(i => i.Id == foreign);
        await using (var db = app.SystemContext())
        {
            (await db.MemberImports.SingleAsync(i => i.Id == foreign)).State.Should().Be(ImportState.Validated);
        }

        // The page answers 404 for it, as for an unknown id and a malformed one, never 500.
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        foreach (var path in new[] { $"/members/import/{foreign}", "/members/import/2147483647", "/members/import/abc", "/members/import/99999999999", "/members/import/-1" })
        {
            using var response = await client.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
        }
    }

    [Fact]
    public async Task The_pre_check_panel_is_the_interactive_one_on_the_import_page_and_on_the_worklist()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Committee);
        foreach (var path in new[] { "/members/import", "/members/worklist" })
        {
            var html = await client.GetStringAsync(path);
            html.Should().Contain("data-testid=\"precheck-panel\"", path)
                .And.Contain("data-testid=\"precheck-start\"", path)
                .And.NotContain("hx-post", path)
                .And.NotContain("/members/precheck", "{0}: the panel calls the pre-check service from its circuit, there are no htmx endpoints", path);
        }
    }

    private static readonly Random Serials = new();

    private static string Labels(string code) => PartyCardIntake.Web.Components.Labels.ImportCode(code);

    private static string NewId(Sex sex, int year)
    {
        lock (Serials)
        {
            return PersonalIdNumber.Create("035", sex, year, Serials.Next(100_000, 999_999)).Value;
        }
    }

    private static async Task<ImportView> UploadAsync(ServiceAs user, string content, string fileName = "danh-sach.csv")
    {
        var service = user.Get<ImportService>();
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        var result = await service.UploadAsync(stream, fileName);
        result.Problem.Should().BeNull();
        return (await service.GetAsync(result.Id!.Value))!;
    }

    /// <summary>Uploads, commits, and waits for the worker's "finished" push, as the detail page does; then reads the summary.</summary>
    private static async Task<MemberImport> UploadAndCommitAsync(ServiceAs user, string content, bool createCells)
    {
        var service = user.Get<ImportService>();
        var preview = await UploadAsync(user, content);
        var id = preview.Import.Id;
        var finished = new TaskCompletionSource<ImportProgressUpdate>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (user.Get<ImportProgressFeed>().Subscribe(id, update =>
        {
            if (update.Finished)
            {
                finished.TrySetResult(update);
            }

            return Task.CompletedTask;
        }))
        {
            (await service.CommitAsync(id, createCells)).Succeeded.Should().BeTrue();
            var last = await finished.Task.WaitAsync(TimeSpan.FromSeconds(30));
            last.ProcessedRows.Should().Be(preview.Import.ValidRows);
            last.Percent.Should().Be(100);
        }

        var view = (await service.GetAsync(id))!;
        view.Import.State.Should().Be(ImportState.Committed);
        return view.Import;
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : MemberImportTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : MemberImportTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : MemberImportTests(app);
}
