using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>Steps of a field trip shared by the station's flow and the flow across a station and a laptop.</summary>
internal static class FieldTrip
{
    /// <summary>A member of the first demo commune, new to every test, with a planned visit of demo.officer on the day.</summary>
    public static async Task<int> MemberWithVisitAsync(BrowserFixture browser, DateOnly day)
    {
        var firstCommune = DemoPopulationGenerator.DefaultShapes[0].Code;
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var officer = await db.Users.Where(u => u.UserName == DemoAccounts.Officer).Select(u => u.Id).SingleAsync();
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == firstCommune && m.Exemption == null
                && !db.Applications.Any(a => a.MemberId == m.Id) && !db.HomeVisits.Any(v => v.MemberId == m.Id))
            .OrderByDescending(m => m.Id)
            .Select(m => new { m.Id, m.CommuneId })
            .Take(200)
            .ToListAsync();
        int id, communeId;
        lock (browser.TakenMembers)
        {
            var m = candidates.First(c => browser.TakenMembers.Add(c.Id));
            (id, communeId) = (m.Id, m.CommuneId);
        }

        // Before the visiting window, so that no booking of the home-visit tests (made through its rules) overlaps it.
        var start = day.ToDateTime(new TimeOnly(6, 0));
        db.HomeVisits.Add(new HomeVisit
        {
            CommuneId = communeId,
            MemberId = id,
            Start = start,
            End = start.AddMinutes(30),
            Team = "Tổ lưu động 1",
            OfficerId = officer,
            Address = "Số 1, thôn 2",
            Status = HomeVisitStatus.Planned,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The lead makes a kit for demo.officer from today to tomorrow and downloads it; returns its passphrase and file.</summary>
    public static async Task<(string Passphrase, byte[] File)> MakeKitAsync(IPage lead, DateOnly today)
    {
        await lead.GotoAsync("/home-visits/kits");
        await Pages.WaitForInteractiveAsync(lead);
        await Pages.ChooseAsync(lead, "fk-officer", "Cán bộ tiếp nhận (demo)");
        await Pages.TypeDateAsync(lead.Locator("#fk-from"), today.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Pages.TypeDateAsync(lead.Locator("#fk-to"), today.AddDays(1).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture));
        await Expect(lead.GetByTestId("fk-preview")).ToBeVisibleAsync();
        await lead.GetByTestId("fk-make").ClickAsync();
        var passphrase = (await lead.GetByTestId("fk-passphrase").TextContentAsync())!.Trim();
        var download = await lead.RunAndWaitForDownloadAsync(() => lead.GetByTestId("fk-download").ClickAsync());
        return (passphrase, await File.ReadAllBytesAsync((await download.PathAsync())!));
    }

    public static async Task<int> ReceivedTodayAsync(IPage page)
    {
        await page.GotoAsync("/reports/daily");
        var value = page.GetByTestId("value-receivedToday").First;
        await Expect(value).ToBeVisibleAsync();
        var text = (await value.TextContentAsync())!;
        return int.Parse(new string(text.Where(char.IsAsciiDigit).ToArray()), CultureInfo.InvariantCulture);
    }
}
