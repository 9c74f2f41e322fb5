using System.Text;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The committee's import and pre-check pages in their circuit: a bad file, a live import, a stopped pre-check.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class ImportFlowTests(BrowserFixture browser)
{
    private const string Header = "Số định danh cá nhân,Họ và tên,Ngày sinh,Giới tính,Chi bộ,Số thẻ đảng,Ngày vào Đảng,Điện thoại,Địa chỉ";

    [Fact]
    public async Task Live_import_progress_a_bad_file_is_refused_beside_the_field_then_hundreds_of_rows_are_written_without_a_reload()
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await page.GotoAsync("/members/import");
        await Pages.WaitForInteractiveAsync(page);

        // Not a CSV or XLSX: the message is beside the field, and the chosen file stays shown.
        await ChooseFileAsync(page, new FilePayload { Name = "danh-sach.pdf", MimeType = "application/pdf", Buffer = Encoding.UTF8.GetBytes("%PDF-1.7\n") });
        await page.GetByTestId("import-upload").ClickAsync();
        var message = page.GetByTestId("import-form").Locator(".mud-input-error, .mud-input-helper-text.mud-input-error, .mud-error-text").First;
        await Expect(message).ToContainTextAsync("Chỉ nhận tệp CSV hoặc XLSX");
        await Expect(page.GetByTestId("import-chosen")).ToContainTextAsync("danh-sach.pdf");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/import$"));

        // A few hundred members of a new cell, five of them on bad rows (one row with two problems).
        var cell = "Chi bộ Nhập trực tiếp " + Guid.NewGuid().ToString("N")[..5];
        var rows = new List<string> { Header };
        var serial = 600_000 + Random.Shared.Next(300_000);
        for (var i = 0; i < 300; i++)
        {
            var id = PersonalIdNumber.Create("035", i % 2 == 0 ? Sex.Male : Sex.Female, 1950 + (i % 40), serial + i).Value;
            rows.Add($"{id},Nguyễn Thị Nhập {i},{1950 + (i % 40)},{(i % 2 == 0 ? "Nam" : "Nữ")},{cell},,,0912{i:000000},Tổ {i % 9}");
        }

        rows.Add($"{PersonalIdNumber.Create("035", Sex.Male, 1951, serial + 400).Value},<script>alert(1)</script>,1951,Nam,{cell},,,,");
        rows.Add($"{PersonalIdNumber.Create("035", Sex.Male, 1951, serial + 401).Value},,1951,X,{cell},,,,");
        rows.Add($"{PersonalIdNumber.Create("035", Sex.Male, 1951, serial + 402).Value},Trần Văn Điện,1951,Nam,{cell},,,0112345678,");
        rows.Add($"02505500012,Sai Độ Dài,1955,Nam,{cell},,,,");
        rows.Add($"{PersonalIdNumber.Create("035", Sex.Male, 1951, serial + 403).Value},Lê Văn Năm,1952,Nam,{cell},,,,");
        await ChooseFileAsync(page, new FilePayload { Name = "danh-sach-lon.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(string.Join('\n', rows)) });
        await page.GetByTestId("import-upload").ClickAsync();

        // The preview: rows, not errors, are counted; each bad row lists its own errors.
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/members/import/[0-9]+$"));
        await Expect(page.GetByTestId("import-error-count")).ToHaveTextAsync("5");
        await Expect(page.GetByTestId("import-errors-title")).ToContainTextAsync("5 dòng lỗi");
        var errors = page.GetByTestId("import-errors");
        await Expect(errors.Locator("tr[data-row='302']")).ToContainTextAsync("không được chứa ký tự");
        await Expect(errors.Locator("tr[data-row='303'] li")).ToHaveCountAsync(2);
        await Expect(errors.Locator("tr[data-row='304']")).ToContainTextAsync("không phải số Việt Nam");
        await Expect(page.GetByTestId("import-valid")).ToHaveTextAsync("300");

        var axe = await page.RunAxe();
        axe.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => v.Id).Should().BeEmpty();

        // Commit: the summary follows the worker's pushes and ends with the result, on the same page (no reload).
        await page.EvaluateAsync("""
            () => {
              window.__sameDocument = true;
              window.__states = [];
              const record = () => {
                const s = document.querySelector('[data-testid=import-summary]');
                if (s) { const v = s.getAttribute('data-state'); if (window.__states[window.__states.length - 1] !== v) window.__states.push(v); }
              };
              record();
              new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true });
            }
            """);
        await page.GetByTestId("commit").ClickAsync();
        await Expect(page.GetByTestId("import-done")).ToContainTextAsync("thêm mới 300", new() { Timeout = 30_000 });
        (await page.EvaluateAsync<bool>("() => window.__sameDocument === true")).Should().BeTrue("the summary came without a reload");
        var states = await page.EvaluateAsync<string[]>("() => window.__states");
        states.First().Should().Be("Validated");
        states.Last().Should().Be("Committed");
        await Expect(page.GetByTestId("import-state")).ToHaveTextAsync("Đã ghi");
        await page.Context.CloseAsync();

        await using var db = browser.App.Database.CreateContext(DataScope.System);
        (await db.PartyMembers.CountAsync(m => m.PartyCell!.Name == cell)).Should().Be(300);
    }

    [Fact]
    public async Task The_committee_stops_a_running_pre_check_and_starts_it_again()
    {
        var cell = await LargestCellAsync();
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Committee);
        await page.GotoAsync("/members/import");
        await Pages.WaitForInteractiveAsync(page);

        await Pages.ChooseAsync(page, "precheck-cell", cell);
        await page.GetByTestId("precheck-start").ClickAsync();
        var state = page.GetByTestId("precheck-state");
        await Expect(state).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("Queued|Running"));

        // Stop, after a confirmation; the run shows as stopped and what it checked stays.
        await page.GetByTestId("precheck-stop").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Dừng đối chiếu" }).ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "Cancelled");
        await Expect(state).ToHaveTextAsync("Đã dừng");
        await Expect(page.GetByTestId("precheck-stop")).ToHaveCountAsync(0);
        var done = int.Parse(await page.GetByTestId("precheck-done").GetAttributeAsync("data-done") ?? "0", System.Globalization.CultureInfo.InvariantCulture);

        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var cellId = await db.PartyCells.Where(c => c.Name == cell).Select(c => c.Id).FirstAsync();
            var run = await db.PreCheckRuns.OrderByDescending(r => r.Id).FirstAsync(r => r.PartyCellId == cellId);
            run.State.Should().Be(PreCheckState.Cancelled);
            run.Done.Should().BeGreaterThanOrEqualTo(done);
            run.Done.Should().BeLessThan(run.Total, "it was stopped before the end");
        }

        // It can be started again; the worker takes it up. Stopped again so the other tests' runs are not kept waiting.
        await page.GetByTestId("precheck-start").ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", new System.Text.RegularExpressions.Regex("Queued|Running"));
        await page.GetByTestId("precheck-stop").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Dừng đối chiếu" }).ClickAsync();
        await Expect(state).ToHaveAttributeAsync("data-state", "Cancelled");
        await page.Context.CloseAsync();
    }

    /// <summary>
    /// Chooses a file as the file picker would. MudFileUpload adds a fresh input after each choice (the newest is the
    /// live one), and the input takes files only once its script is attached after the first interactive render: tried
    /// again until the chosen name shows.
    /// </summary>
    internal static async Task ChooseFileAsync(IPage page, FilePayload file)
    {
        for (var attempt = 0; ; attempt++)
        {
            await page.GetByTestId("import-file").Last.SetInputFilesAsync(file);
            try
            {
                await Expect(page.GetByTestId("import-chosen")).ToContainTextAsync(file.Name, new() { Timeout = 3_000 });
                return;
            }
            catch (PlaywrightException) when (attempt < 3)
            {
            }
        }
    }

    /// <summary>The first demo commune's largest cell: a run over it lasts long enough to be stopped.</summary>
    private async Task<string> LargestCellAsync()
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var commune = await db.Communes.Where(c => c.Code == DemoPopulationGenerator.DefaultShapes[0].Code).Select(c => c.Id).SingleAsync();
        var largest = await db.PartyMembers.Where(m => m.CommuneId == commune && m.Exemption == null)
            .GroupBy(m => m.PartyCellId)
            .OrderByDescending(g => g.Count())
            .Select(g => g.Key)
            .FirstAsync();
        return await db.PartyCells.Where(c => c.Id == largest).Select(c => c.Name).SingleAsync();
    }
}
