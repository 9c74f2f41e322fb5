using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.MockRegistry;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The ward committee prepares its list; the desk then finds the member clean.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class MemberListFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_committee_imports_pre_checks_and_resolves_a_mismatch_and_the_desk_sees_the_member_clean()
    {
        var cell = "Chi bộ Kiểm tra " + Guid.NewGuid().ToString("N")[..5];
        var (memberId, idNumber, name) = await MemberWithNameDiacriticAsync();
        var newcomer = PersonalIdNumber.Create("025", Sex.Female, 1958, 987_001 + Random.Shared.Next(900)).Value;

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await Pages.ClickMenuItemAsync(page, "nav-members");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members$"));
        await Pages.WaitForInteractiveAsync(page);
        await page.GetByTestId("import-link").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/import$"));
        await Pages.WaitForInteractiveAsync(page);

        // The template comes down as a CSV with the Vietnamese headers.
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("template-csv").ClickAsync());
        var template = await File.ReadAllTextAsync((await download.PathAsync())!, Encoding.UTF8);
        template.Should().Contain("Số định danh cá nhân").And.Contain("Họ và tên").And.Contain("Chi bộ");

        var csv = string.Join('\n',
            "Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Chi bộ,Số thẻ đảng,Ngày vào Đảng,Điện thoại,Địa chỉ",
            $"{idNumber},{name},{await BirthAsync(memberId)},{await SexAsync(memberId)},{cell},,,,",
            $"{newcomer},Hoàng Thị Mới,1958,Nữ,{cell},,,,",
            $"02505500012,Sai Độ Dài,1955,Nam,{cell},,,,",
            $"025055000123,Nguyễn Thị Sai Giới,1955,Nữ,{cell},,,,");
        await ImportFlowTests.ChooseFileAsync(page, new FilePayload { Name = "danh-sach.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.GetByTestId("import-upload").ClickAsync();

        var errors = page.GetByTestId("import-errors");
        await Expect(errors.Locator("tr[data-row='4']")).ToContainTextAsync("12 chữ số");
        await Expect(errors.Locator("tr[data-row='5']")).ToContainTextAsync("Giới tính không khớp");
        await Expect(page.GetByTestId("unknown-cells")).ToContainTextAsync(cell);
        await page.GetByTestId("commit").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("thêm mới 1, cập nhật 1", new() { Timeout = 30_000 });

        // Pre-check the new cell from the cells page.
        await page.GotoAsync("/cells");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseAsync(page, "precheck-cell", cell);
        await page.GetByTestId("precheck-start").ClickAsync();
        await Expect(page.GetByTestId("precheck-state")).ToHaveAttributeAsync("data-state", "Completed", new() { Timeout = 30_000 });

        // The worklist shows the member's name with the registry's spelling beside it.
        await page.GotoAsync("/members/worklist");
        await Pages.WaitForInteractiveAsync(page);
        await Pages.ChooseAsync(page, "worklist-cell", cell);
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/worklist\\?cell=[0-9]+$"));
        var row = page.GetByTestId("worklist").Locator("tr", new() { Has = page.Locator($"[data-member='{memberId}']") });
        await Expect(row).ToContainTextAsync(name);
        await row.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await Expect(page.GetByTestId("worklist-status")).ToHaveAttributeAsync("data-status", "Open");
        await Pages.WaitForInteractiveAsync(page);
        var registryName = await page.Locator("#fullName").InputValueAsync();
        registryName.Should().NotBe(name, "the form offers the registry's spelling");
        await page.GetByTestId("correct-submit").ClickAsync();
        await Expect(page.GetByTestId("member-done")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("worklist-status")).ToHaveAttributeAsync("data-status", "Resolved");
        await Expect(page.GetByTestId("member-name")).ToHaveTextAsync(registryName);
        await Expect(page.GetByTestId("history")).ToContainTextAsync(name);
        await page.Context.CloseAsync();

        // At the desk the member is clean: no open item, and the check matches.
        var desk = await browser.NewPageAsync();
        await Pages.SignInAsync(desk, DemoAccounts.Officer);
        await desk.GotoAsync("/desk");
        if (await desk.GetByTestId("station-form").IsVisibleAsync())
        {
            await desk.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu làm việc" }).ClickAsync();
        }

        await desk.GotoAsync($"/desk/members/{memberId}");
        await Expect(desk.GetByTestId("registry-outcome")).ToHaveAttributeAsync("data-outcome", "Matched");
        await Expect(desk.GetByTestId("desk-open-item")).ToHaveCountAsync(0);
        await desk.Context.CloseAsync();
    }

    private async Task<(int Id, string IdNumber, string Name)> MemberWithNameDiacriticAsync()
    {
        var population = browser.App.Services.GetRequiredService<SyntheticPopulation>();
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var members = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .Select(m => new { m.Id, m.IdNumber, m.FullName })
            .ToListAsync();
        lock (browser.TakenMembers)
        {
            var m = members.First(m => population.DiscrepancyOf(m.IdNumber.Value) == Discrepancy.NameDiacritic && browser.TakenMembers.Add(m.Id));
            return (m.Id, m.IdNumber.Value, m.FullName);
        }
    }

    private async Task<string> BirthAsync(int memberId)
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var m = await db.PartyMembers.SingleAsync(x => x.Id == memberId);
        return m.BirthDate?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? m.BirthYear.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<string> SexAsync(int memberId)
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        return (await db.PartyMembers.SingleAsync(x => x.Id == memberId)).Sex == Sex.Male ? "Nam" : "Nữ";
    }
}
