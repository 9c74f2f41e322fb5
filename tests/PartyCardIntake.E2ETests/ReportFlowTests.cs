using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Tests.Shared;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>The end of the day: the station lead's daily report and its PDF; the province's dashboard without member data.</summary>
[Collection(BrowserFixture.Collection)]
public sealed class ReportFlowTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_station_lead_opens_the_daily_report_and_its_pdf_carries_the_figures_shown()
    {
        var commune = DemoPopulationGenerator.DefaultShapes[0].Name;
        // Yesterday's day is closed: no other test adds records to it while this one reads.
        var today = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7));
        var yesterday = today.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Lead);

        await Pages.ClickMenuItemAsync(page, "nav-daily-report");
        await Expect(page.GetByTestId("report-heading")).ToContainTextAsync(commune);
        await Pages.WaitForInteractiveAsync(page);

        // A day after today: the rule's message beside the field, the typed day kept, nothing else changes.
        var field = page.Locator("#report-date-input");
        var tomorrow = today.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        await Pages.TypeDateAsync(field, tomorrow);
        await page.GetByTestId("report-show").ClickAsync();
        await Expect(Pages.FieldMessage(page, "report-date-input")).ToHaveTextAsync("Ngày báo cáo không được sau hôm nay.");
        await Expect(field).ToHaveValueAsync(tomorrow);
        await Expect(page).Not.ToHaveURLAsync(new Regex("date="));

        // Yesterday: the address carries the day, the report and its downloads follow.
        await Pages.TypeDateAsync(field, today.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await page.GetByTestId("report-show").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"date={yesterday}"));
        await Expect(page.GetByTestId("report-date")).ToContainTextAsync(today.AddDays(-1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(page.GetByTestId("cumulative-chart")).ToBeVisibleAsync();
        await Expect(page.Locator(".chart-axis-x")).ToHaveTextAsync("Ngày (dd/MM)");
        await Expect(page.Locator(".chart-axis-y")).ToHaveTextAsync("Số hồ sơ (đảng viên)");

        var lines = new List<(string Label, string Value)>();
        foreach (var row in await page.Locator("tr[data-testid^=line-]").AllAsync())
        {
            lines.Add(((await row.Locator("td.label").InnerTextAsync()).Trim(), (await row.Locator("td[data-testid^=value-]").InnerTextAsync()).Trim()));
        }

        lines.Should().HaveCount(16);
        var received = lines.Single(l => l.Label == "Lũy kế đã tiếp nhận").Value;
        int.Parse(received.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture).Should().BeGreaterThan(0, "the demo campaign has its first days of records");

        var href = await page.GetByTestId("report-pdf").GetAttributeAsync("href");
        href.Should().Contain($"date={yesterday}");
        var response = await page.Context.APIRequest.GetAsync(href!);
        response.Status.Should().Be(200);
        response.Headers["content-type"].Should().Be("application/pdf");
        var text = await PdfText.ExtractAsync(await response.BodyAsync());

        // The spreadsheets download when their links are clicked, for the same day.
        foreach (var (testId, extension) in new[] { ("report-xlsx", ".xlsx"), ("report-csv", ".csv") })
        {
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
            download.SuggestedFilename.Should().EndWith($"-{yesterday}{extension}");
        }

        // A malformed day in the address: a warning and today's report, never an error page.
        await page.GotoAsync("/reports/daily?date=2025-02-30");
        await Expect(page.GetByTestId("report-date-error")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("report-summary").First).ToBeVisibleAsync();

        text.Should().Contain(commune).And.Contain("BÁO CÁO KẾT QUẢ TIẾP NHẬN HỒ SƠ CẤP ĐỔI THẺ ĐẢNG VIÊN");
        foreach (var (label, value) in lines)
        {
            text.Should().Contain($"{label} {value}");
        }

        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_province_viewer_sees_the_communes_and_their_reports_but_no_member_record()
    {
        var shape = DemoPopulationGenerator.DefaultShapes[0];
        int memberId;
        string memberName;
        await using (var db = browser.App.Database.CreateContext(DataScope.System))
        {
            var member = await db.PartyMembers.Where(m => m.Commune!.Code == shape.Code).OrderBy(m => m.Id).FirstAsync();
            (memberId, memberName) = (member.Id, member.FullName);
        }

        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Province);
        await Pages.ClickMenuItemAsync(page, "nav-province");

        await Pages.WaitForInteractiveAsync(page);
        var row = page.Locator("tr").Filter(new() { Has = page.Locator($"[data-testid=commune-row][data-code='{shape.Code}']") });
        await Expect(row).ToContainTextAsync(shape.Name);
        await Expect(page.Locator("[data-testid=commune-row]")).ToHaveCountAsync(DemoPopulationGenerator.DefaultShapes.Count);

        // The ranking sorts by a column head, both ways, as the files do with the same order.
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Đã tiếp nhận" }).Locator(".column-header").ClickAsync();
        await Expect(page.GetByTestId("province-xlsx")).ToHaveAttributeAsync("href", new Regex("sort=received(?!&desc)"));
        (await ReceivedAsync(page)).Should().BeInAscendingOrder();
        await page.GetByRole(AriaRole.Columnheader, new() { Name = "Đã tiếp nhận" }).Locator(".column-header").ClickAsync();
        await Expect(page.GetByTestId("province-xlsx")).ToHaveAttributeAsync("href", new Regex("sort=received&desc=true"));
        (await ReceivedAsync(page)).Should().BeInDescendingOrder();

        await row.GetByRole(AriaRole.Link, new() { Name = shape.Name }).ClickAsync();
        await Expect(page.GetByTestId("report-heading")).ToContainTextAsync(shape.Name);
        await Expect(page.GetByTestId("report-cells")).ToBeVisibleAsync();
        (await page.ContentAsync()).Should().NotContain(memberName);

        await page.GotoAsync($"/members/{memberId}");
        await Expect(page).ToHaveURLAsync(new Regex("/account/denied"));
        (await page.ContentAsync()).Should().NotContain(memberName);
        await page.Context.CloseAsync();
    }

    private static async Task<List<int>> ReceivedAsync(IPage page)
    {
        var texts = await page.GetByTestId("commune-received").AllInnerTextsAsync();
        return texts.Select(t => int.Parse(t.Replace(".", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture)).ToList();
    }
}
