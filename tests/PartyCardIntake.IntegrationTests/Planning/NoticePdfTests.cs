using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Components.Print;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.IntegrationTests.Planning;

/// <summary>The printed notice of a cell and the commune's printed schedule, read back with pdftotext.</summary>
public abstract class NoticePdfTests(AppFixture app)
{
    [Fact]
    public async Task A_cell_notice_is_a_pdf_with_the_commune_the_cell_its_slot_and_its_members_in_order()
    {
        var seeded = await SeedSlotAsync(cellIndex: 5, day: 4, new TimeOnly(13, 5), new TimeOnly(13, 50));

        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await officer.GetAsync($"/planning/cells/{seeded.CellId}/notice.pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Content.Headers.ContentDisposition!.FileName.Should().Be($"thong-bao-chi-bo-{seeded.CellId}.pdf");

        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain("THÔNG BÁO").And.Contain("LỊCH CẤP ĐỔI THẺ ĐẢNG VIÊN")
            .And.Contain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
            .And.Contain(seeded.CommuneName).And.Contain(seeded.CellName)
            .And.Contain("Thẻ đảng viên cũ (bản giấy)").And.Contain("Thẻ Căn cước")
            .And.Contain($"{Weekday(seeded.Date)}, ngày {seeded.Date:dd/MM/yyyy}, từ 13:05 đến 13:50")
            .And.Contain(seeded.SiteName)
            .And.Contain("Họ và tên").And.Contain("Năm sinh");

        // Every expected member by full name and year of birth, in Vietnamese order; never the ID number.
        var positions = seeded.Members.Select(m => text.IndexOf($"{m.FullName} {m.BirthYear}", StringComparison.Ordinal)).ToList();
        positions.Should().OnlyContain(p => p >= 0);
        positions.Should().BeInAscendingOrder();
        seeded.Members.Should().OnlyContain(m => !text.Contains(m.IdNumber));
    }

    [Fact]
    public async Task A_cell_without_slots_gets_a_notice_that_it_is_not_scheduled_yet()
    {
        int cellId;
        var name = "Chi bộ Khu dân cư Đồng Tiến " + Guid.NewGuid().ToString("N")[..6];
        await using (var db = app.SystemContext())
        {
            var cell = new PartyCell { CommuneId = app.CommuneOne, Name = name };
            db.PartyCells.Add(cell);
            await db.SaveChangesAsync();
            cellId = cell.Id;
        }

        using var committee = await app.SignedInClientAsync(DemoAccounts.Committee);
        using var response = await committee.GetAsync($"/planning/cells/{cellId}/notice.pdf");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain(name).And.Contain("chưa được xếp lịch cấp đổi thẻ đảng viên").And.NotContain("Buổi 1");
    }

    [Fact]
    public async Task An_officer_gets_no_notice_of_another_communes_cell()
    {
        var seeded = await SeedSlotAsync(cellIndex: 6, day: 5, new TimeOnly(8, 0), new TimeOnly(8, 30));
        int foreignCell;
        await using (var db = app.SystemContext())
        {
            foreignCell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneTwo).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        }

        using var officerOne = await app.SignedInClientAsync(DemoAccounts.Officer);
        (await officerOne.GetAsync($"/planning/cells/{foreignCell}/notice.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);

        // And the other way round: commune two's officer cannot print commune one's notice, only their own.
        using var officerTwo = await app.SignedInClientAsync(DemoAccounts.Officer2);
        (await officerTwo.GetAsync($"/planning/cells/{seeded.CellId}/notice.pdf")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var own = await officerTwo.GetAsync($"/planning/cells/{foreignCell}/notice.pdf");
        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await PdfText.ExtractAsync(await own.Content.ReadAsByteArrayAsync())).Should().NotContain(seeded.CommuneName);
    }

    [Fact]
    public async Task The_commune_schedule_pdf_lists_each_day_with_its_cells_sites_and_counts()
    {
        var first = await SeedSlotAsync(cellIndex: 7, day: 2, new TimeOnly(15, 10), new TimeOnly(15, 40));
        var second = await SeedSlotAsync(cellIndex: 8, day: 3, new TimeOnly(16, 20), new TimeOnly(16, 50));

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        using var response = await lead.GetAsync("/planning/schedule.pdf?days=10");
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/pdf");
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        var text = await PdfText.ExtractAsync(await response.Content.ReadAsByteArrayAsync());
        text.Should().Contain("LỊCH TIẾP NHẬN CẤP ĐỔI THẺ ĐẢNG VIÊN").And.Contain(first.CommuneName)
            .And.Contain($"{Weekday(first.Date)}, {first.Date:dd/MM/yyyy}").And.Contain($"15:10–15:40 {first.CellName}")
            .And.Contain($"{Weekday(second.Date)}, {second.Date:dd/MM/yyyy}").And.Contain($"16:20–16:50 {second.CellName}")
            .And.Contain(first.SiteName).And.Contain("Số đảng viên");
        text.IndexOf($"15:10–15:40 {first.CellName}", StringComparison.Ordinal).Should().BeLessThan(text.IndexOf($"16:20–16:50 {second.CellName}", StringComparison.Ordinal));

        // One day: the second slot (three days ahead) is left out.
        var oneDay = await PdfText.ExtractAsync(await lead.GetByteArrayAsync("/planning/schedule.pdf?days=1"));
        oneDay.Should().NotContain($"16:20–16:50 {second.CellName}");
        (await lead.GetAsync("/planning/schedule.pdf?days=91")).StatusCode.Should().Be(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_officer_cannot_print_the_commune_schedule()
    {
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var response = await officer.GetAsync("/planning/schedule.pdf");
        response.StatusCode.Should().Be(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    [Fact]
    public async Task The_planning_page_links_the_schedule_and_each_slots_cell_notice()
    {
        var seeded = await SeedSlotAsync(cellIndex: 9, day: 1, new TimeOnly(17, 0), new TimeOnly(17, 30));
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var page = await lead.GetStringAsync("/planning");
        page.Should().Contain("href=\"/planning/schedule.pdf\"").And.Contain("data-testid=\"schedule-pdf\"")
            .And.Contain($"href=\"/planning/cells/{seeded.CellId}/notice.pdf\"").And.Contain($"data-cell-id=\"{seeded.CellId}\"");
    }

    [Fact]
    public async Task The_notice_html_is_one_self_contained_document_with_names_encoded()
    {
        using var scope = app.Factory.Services.CreateScope();
        var html = scope.ServiceProvider.GetRequiredService<ComponentHtml>();
        var start = new DateTime(2025, 8, 11, 7, 0, 0);
        var notice = new CellNotice(
            "Phường Kỳ Sơn", "Chi bộ <b>Khu 3</b>", "Lê Văn Tám", null,
            [new NoticeSlot(start, start.AddMinutes(45), "Nhà văn hóa Khu 3", null, 2, [new("Nguyễn Thị Ánh", 1950), new("Trần Văn Bảy", 1948)])],
            new DateTimeOffset(2025, 8, 6, 9, 30, 0, TimeSpan.FromHours(7)));

        var document = await html.RenderAsync<CellNoticeDocument>(nameof(CellNoticeDocument.Notice), notice);

        document.Should().StartWith("<!DOCTYPE html>").And.Contain("<style>").And.Contain("\"DejaVu Sans\", sans-serif")
            .And.NotContain("<link").And.NotContain("<script");
        document.Should().Contain("Chi bộ &lt;b&gt;Khu 3&lt;/b&gt;").And.NotContain("<b>Khu 3</b>");
        document.Should().Contain("Buổi 1: Thứ Hai, ngày 11/08/2025, từ 07:00 đến 07:45")
            .And.Contain("Phường Kỳ Sơn, ngày 06 tháng 8 năm 2025").And.Contain("In lúc 06/08/2025 09:30.");
        document.IndexOf("Nguyễn Thị Ánh", StringComparison.Ordinal).Should().BeLessThan(document.IndexOf("Trần Văn Bảy", StringComparison.Ordinal));
    }

    private sealed record SeededMember(string FullName, int BirthYear, string IdNumber);

    private sealed record Seeded(int CellId, string CellName, string CommuneName, string SiteName, DateOnly Date, IReadOnlyList<SeededMember> Members);

    /// <summary>
    /// A slot made by hand (re-planning by other tests keeps it) for a cell of commune one, with three of
    /// its members expected, inserted in reverse order so that the notice has to sort them.
    /// </summary>
    private async Task<Seeded> SeedSlotAsync(int cellIndex, int day, TimeOnly start, TimeOnly end)
    {
        await using var db = app.SystemContext();
        var commune = await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.Name).SingleAsync();
        var site = await db.IntakeSites.Where(s => s.CommuneId == app.CommuneOne).OrderBy(s => s.Id).FirstAsync();
        var cell = await db.PartyCells.Where(c => c.CommuneId == app.CommuneOne).OrderBy(c => c.Id).Skip(cellIndex).FirstAsync();
        var members = (await db.PartyMembers.Where(m => m.PartyCellId == cell.Id).OrderBy(m => m.Id).Take(3).ToListAsync())
            .OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).ToList();
        var date = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(day);
        var slot = new ScheduleSlot
        {
            CommuneId = app.CommuneOne, IntakeSiteId = site.Id, PartyCellId = cell.Id, Members = members.Count, IsManual = true,
            Start = date.ToDateTime(start), End = date.ToDateTime(end), CreatedAt = DateTime.UtcNow,
        };
        slot.Expected.AddRange(Enumerable.Reverse(members).Select(m => new SlotMember { MemberId = m.Id, CommuneId = app.CommuneOne }));
        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync();
        return new Seeded(cell.Id, cell.Name, commune, site.Name, date, members.Select(m => new SeededMember(m.FullName, m.BirthYear, m.IdNumber.Value)).ToList());
    }

    private static string Weekday(DateOnly date) => date.DayOfWeek switch
    {
        DayOfWeek.Monday => "Thứ Hai",
        DayOfWeek.Tuesday => "Thứ Ba",
        DayOfWeek.Wednesday => "Thứ Tư",
        DayOfWeek.Thursday => "Thứ Năm",
        DayOfWeek.Friday => "Thứ Sáu",
        DayOfWeek.Saturday => "Thứ Bảy",
        _ => "Chủ nhật",
    };

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : NoticePdfTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : NoticePdfTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : NoticePdfTests(app);
}
