using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Hosting;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace PartyCardIntake.E2ETests;

/// <summary>
/// Two desks of one site, side by side: what one does (a save, a check-in) shows on the other within 2 s, without
/// a reload. The demo's second officer works in another commune, so both desks are the demo officer's, signed in
/// twice, at two devices of a site of the test's own.
/// </summary>
[Collection(BrowserFixture.Collection)]
public sealed class DeskLiveFlowTests(BrowserFixture browser, ITestOutputHelper output)
{
    /// <summary>What the desk promises: another desk's change is on screen within this.</summary>
    private const float Within = 2_000;

    [Fact]
    public async Task A_save_and_a_check_in_at_one_desk_show_at_the_other_desk_of_the_site_within_two_seconds()
    {
        var site = await SiteWithTwoDevicesAsync();
        var (slot, saved, arriving) = await ExpectedTodayAsync(site.Id);
        var deskA = await DeskAtAsync(site.Name + " — " + site.DeviceA);
        var deskB = await DeskAtAsync(site.Name + " — " + site.DeviceB);

        // Both desks show the slot with its two members expected.
        foreach (var desk in new[] { deskA, deskB })
        {
            var queue = desk.Locator($"details[data-testid=queue-slot][data-slot-id='{slot}']");
            await Expect(queue.Locator($"li[data-member-id='{saved.Id}']")).ToHaveAttributeAsync("data-status", "Expected");
            await Expect(queue.Locator($"li[data-member-id='{arriving.Id}']")).ToHaveAttributeAsync("data-status", "Expected");
        }

        // Desk A captures and saves the first member; desk B is left alone.
        await DeskSteps.OpenAsync(deskA, saved);
        await DeskSteps.CaptureAndSignAsync(deskA);
        await deskA.Locator("#submit").ClickAsync();
        await Expect(deskA.GetByTestId("desk-saved")).ToContainTextAsync(saved.Name);
        var afterSave = Stopwatch.StartNew();
        var applicationId = (await DeskSteps.RecordsAsync(browser.App.Database, saved.Id)).Should().ContainSingle().Subject.Id;

        var record = deskB.Locator($"ul[data-testid=today] li[data-application-id='{applicationId}']");
        await Expect(record).ToContainTextAsync(saved.Name, new() { Timeout = Within });
        await Expect(deskB.Locator($"details[data-testid=queue-slot][data-slot-id='{slot}'] li[data-member-id='{saved.Id}']"))
            .ToHaveAttributeAsync("data-status", "Captured", new() { Timeout = Within });
        output.WriteLine($"Desk B showed A's save {afterSave.ElapsedMilliseconds} ms after A's banner");
        await Expect(record).ToContainTextAsync(site.DeviceA);

        // Desk B checks the second member in; desk A, back on its desk after the save, sees the arrival.
        var checkIn = deskB.Locator($"details[data-testid=queue-slot][data-slot-id='{slot}'] li[data-member-id='{arriving.Id}']");
        await checkIn.GetByTestId("check-in").ClickAsync();
        await Expect(checkIn).ToHaveAttributeAsync("data-status", "Arrived");
        var afterCheckIn = Stopwatch.StartNew();
        var arrivedAtA = deskA.Locator($"details[data-testid=queue-slot][data-slot-id='{slot}'] li[data-member-id='{arriving.Id}']");
        await Expect(arrivedAtA).ToHaveAttributeAsync("data-status", "Arrived", new() { Timeout = Within });
        output.WriteLine($"Desk A showed B's check-in {afterCheckIn.ElapsedMilliseconds} ms after B showed it");
        await Expect(arrivedAtA.GetByTestId("queue-capture")).ToBeVisibleAsync();

        await deskA.Context.CloseAsync();
        await deskB.Context.CloseAsync();
    }

    /// <summary>The demo officer, signed in afresh in a context of its own, at the desk of the given station.</summary>
    private async Task<IPage> DeskAtAsync(string station)
    {
        var page = await browser.NewPageAsync();
        await Pages.SignInAsync(page, DemoAccounts.Officer);
        await DeskSteps.ChooseStationAsync(page, station);
        await Expect(page.GetByTestId("desk-station")).ToContainTextAsync(station.Split(" — ")[1]);
        return page;
    }

    private sealed record TestSite(int Id, string Name, string DeviceA, string DeviceB);

    /// <summary>A site of the first demo commune with two devices, which no other test uses.</summary>
    private async Task<TestSite> SiteWithTwoDevicesAsync()
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var commune = await db.Communes.SingleAsync(c => c.Code == code);
        var site = new IntakeSite { CommuneId = commune.Id, Name = "Điểm hai quầy " + Guid.NewGuid().ToString("N")[..6], OpensAt = new(0, 0), ClosesAt = new(23, 59) };
        site.Devices.Add(new Device { CommuneId = commune.Id, Name = "Quầy A" });
        site.Devices.Add(new Device { CommuneId = commune.Id, Name = "Quầy B" });
        db.IntakeSites.Add(site);
        await db.SaveChangesAsync();
        return new TestSite(site.Id, site.Name, "Quầy A", "Quầy B");
    }

    /// <summary>Two free members of one cell, expected at the site in a slot running now.</summary>
    private async Task<(int Slot, DeskSteps.Member Saved, DeskSteps.Member Arriving)> ExpectedTodayAsync(int siteId)
    {
        await using var db = browser.App.Database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var candidates = await db.PartyMembers
            .Where(m => m.Commune!.Code == code && m.Exemption == null && !m.NeedsHomeVisit && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => new { m.Id, m.IdNumber, m.FullName, m.PartyCellId, m.CommuneId })
            .Take(300)
            .ToListAsync();
        List<DeskSteps.Member> chosen;
        int cell;
        int communeId;
        lock (browser.TakenMembers)
        {
            var pair = candidates
                .Where(c => !browser.TakenMembers.Contains(c.Id))
                .GroupBy(c => c.PartyCellId)
                .First(g => g.Count() >= 2)
                .Take(2)
                .ToList();
            foreach (var m in pair)
            {
                browser.TakenMembers.Add(m.Id);
            }

            chosen = [.. pair.Select(m => new DeskSteps.Member(m.Id, m.IdNumber.Value, m.FullName))];
            (cell, communeId) = (pair[0].PartyCellId, pair[0].CommuneId);
        }

        // Local (Vietnam) wall-clock times, as the planning stores them; kept inside today.
        var now = browser.App.Services.GetRequiredService<VietnamTime>().Now.DateTime;
        var start = now.AddMinutes(-10) < now.Date ? now.Date : now.AddMinutes(-10);
        var end = now.AddMinutes(50) >= now.Date.AddDays(1) ? now.Date.AddDays(1).AddMinutes(-1) : now.AddMinutes(50);
        var slot = new ScheduleSlot
        {
            CommuneId = communeId, IntakeSiteId = siteId, PartyCellId = cell, IsManual = true, Members = 2,
            Start = start, End = end, CreatedAt = DateTime.UtcNow,
        };
        foreach (var m in chosen)
        {
            slot.Expected.Add(new SlotMember { MemberId = m.Id, CommuneId = communeId });
        }

        db.ScheduleSlots.Add(slot);
        await db.SaveChangesAsync();
        return (slot.Id, chosen[0], chosen[1]);
    }
}
