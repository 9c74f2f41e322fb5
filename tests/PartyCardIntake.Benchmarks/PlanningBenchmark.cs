using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Scheduling;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Planning;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Benchmarks;

/// <summary>
/// The planning page of a commune with many cells: the first demo commune gets generated cells (300 by default, a few
/// members each) and is planned, then (1) GET /planning is timed through the whole pipeline (the page's prerender: its
/// reads and the week's calendar with its drop zones), and (2) the live re-check the page runs when a slot is picked up
/// on the calendar (every zone of the week: refusal and flags, PlanningCalendar.Picked) is timed over many moves, on the
/// calendar as the page loads it.
/// </summary>
internal static class PlanningBenchmark
{
    public static async Task<IReadOnlyList<Measurement>> RunAsync(int cells, int moves, int renders)
    {
        await using var app = new PartyCardAppFactory(DatabaseProvider.Sqlite);
        _ = app.Server;
        var (total, sites) = await AddCellsAsync(app, cells);
        Console.WriteLine($"planning: first commune holds {total} cells at {sites} sites");

        // Plan as the lead, in a scope that stands for the lead's circuit.
        await using var scope = app.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var lead = await users.FindByNameAsync(DemoAccounts.Lead) ?? throw new InvalidOperationException("No lead.");
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetCircuitUser(
            await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>().CreateAsync(lead));
        var plan = await scope.ServiceProvider.GetRequiredService<PlanningService>().PlanAsync();
        if (!plan.Succeeded)
        {
            throw new InvalidOperationException($"Planning failed: {plan.Outcome}.");
        }

        Console.WriteLine($"planning: {plan.Plan!.Slots.Count} slots planned, finish {plan.Plan.FinishDate:yyyy-MM-dd}, waits mean {plan.Plan.Waits.MeanMinutes} p95 {plan.Plan.Waits.P95Minutes} min");

        using var client = app.CreateClient(new() { AllowAutoRedirect = false });
        await SignInClient.SignInAsync(client, DemoAccounts.Lead);
        var render = new Measurement($"GET /planning (prerender, {total} cells, {plan.Plan.Slots.Count} slots planned)");
        for (var i = 0; i < renders + 5; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync("/planning");
            var html = await response.Content.ReadAsStringAsync();
            clock.Stop();
            if (!response.IsSuccessStatusCode || !html.Contains("data-testid=\"plan-zone\"", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"GET /planning answered {(int)response.StatusCode} without the calendar.");
            }

            if (i >= 5)
            {
                render.Add(clock.Elapsed);
            }
        }

        // The calendar as the page loads it (this week and three weeks ahead), and the zones of the week shown.
        var calendar = scope.ServiceProvider.GetRequiredService<ScheduleCalendar>();
        var today = scope.ServiceProvider.GetRequiredService<PartyCardIntake.Web.Hosting.VietnamTime>().Today;
        var week = CalendarZone.WeekOf(today.AddDays(1));
        var view = await calendar.GetAsync(week, 28);
        var shown = view.Slots.Where(s => s.End > view.Now && DateOnly.FromDateTime(s.Start) >= week && DateOnly.FromDateTime(s.Start) < week.AddDays(7)).ToList();
        if (shown.Count == 0)
        {
            week = week.AddDays(7);
            shown = view.Slots.Where(s => s.End > view.Now && DateOnly.FromDateTime(s.Start) >= week && DateOnly.FromDateTime(s.Start) < week.AddDays(7)).ToList();
        }

        var zones = Enumerable.Range(0, 7).SelectMany(d => view.Sites.Select(s => new CalendarZone(week.AddDays(d), s.Id))).ToList();
        Console.WriteLine($"planning: calendar holds {view.Slots.Count} slots; the week shown {shown.Count} slots, {zones.Count} drop zones");
        var recheck = new Measurement($"live re-check of one drag ({zones.Count} zones: refusal + flags, of {view.Slots.Count} slots)");
        var single = new Measurement("live re-check of one drop (one zone)");
        var random = new Random(17);
        var flagged = 0;
        for (var i = 0; i < moves + 10; i++)
        {
            var slot = shown[random.Next(shown.Count)];
            var clock = Stopwatch.StartNew();
            foreach (var zone in zones)
            {
                var move = zone.Place(slot);
                var refusal = view.RefusalIf(move.SiteId, move.Start, move.End);
                if (refusal == PlacementRefusal.None && view.ProblemsIf(slot.Id, move.SiteId, move.Start, move.End) != SlotProblem.None)
                {
                    flagged++;
                }
            }

            clock.Stop();
            var target = zones[random.Next(zones.Count)].Place(slot);
            var one = Stopwatch.StartNew();
            _ = view.RefusalIf(target.SiteId, target.Start, target.End);
            _ = view.ProblemsIf(slot.Id, target.SiteId, target.Start, target.End);
            one.Stop();
            if (i >= 10)
            {
                recheck.Add(clock.Elapsed);
                single.Add(one.Elapsed);
            }
        }

        Console.WriteLine($"planning: {flagged} zone checks came out flagged over {moves + 10} picks");
        return [render, recheck, single];
    }

    /// <summary>Cells with a few members each (from the demo generator) until the first commune has <paramref name="target"/> cells.</summary>
    private static async Task<(int Cells, int Sites)> AddCellsAsync(PartyCardAppFactory app, int target)
    {
        await using var db = app.Database.CreateContext(DataScope.System);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        var commune = await db.Communes.SingleAsync(c => c.Code == code);
        var existing = await db.PartyCells.CountAsync(c => c.CommuneId == commune.Id);
        var taken = (await db.PartyMembers.Select(m => m.IdNumber).ToListAsync()).Select(i => i.Value).ToHashSet();
        var missing = Math.Max(0, target - existing);
        var generated = DemoPopulationGenerator.Generate(seed: 11, shapes: [new("99998", commune.Name, missing * 8, Math.Max(1, missing), new(7, 0), new(17, 0), 1)]);
        var now = DateTime.UtcNow;
        var names = (await db.PartyCells.Where(c => c.CommuneId == commune.Id).Select(c => c.Name).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        var index = 0;
        foreach (var demo in generated.Communes[0].Cells.Take(missing))
        {
            var name = $"{demo.Name} · {++index}";
            if (!names.Add(name))
            {
                continue;
            }

            var cell = new PartyCell { CommuneId = commune.Id, Name = name, Availability = demo.Availability };
            db.PartyCells.Add(cell);
            await db.SaveChangesAsync();
            foreach (var m in demo.Members.Where(m => taken.Add(m.IdNumber.Value)))
            {
                db.PartyMembers.Add(PartyMember.Create(commune.Id, cell.Id, m.IdNumber, m.FullName, m.Sex, m.BirthYear, m.BirthDate, now));
            }
        }

        await db.SaveChangesAsync();
        return (await db.PartyCells.CountAsync(c => c.CommuneId == commune.Id), await db.IntakeSites.CountAsync(s => s.CommuneId == commune.Id));
    }
}
