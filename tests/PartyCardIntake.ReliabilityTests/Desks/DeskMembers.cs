using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Tests.Shared;

namespace PartyCardIntake.ReliabilityTests.Desks;

/// <summary>Members for the simulated desks, in the officer's demo commune (the first).</summary>
public static class DeskMembers
{
    public const string LoadCellName = "Chi bộ thử tải";

    /// <summary>Eligible members of the officer's commune that have no application yet, lowest ids first.</summary>
    public static async Task<List<int>> FreeAsync(TestDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext(DataScope.System);
        var communeId = await OfficerCommuneAsync(db);
        var ids = await db.PartyMembers
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(count)
            .ToListAsync();
        return ids.Count == count ? ids : throw new InvalidOperationException($"Only {ids.Count} free members, {count} wanted.");
    }

    /// <summary>
    /// Adds a cell of <paramref name="count"/> synthetic members to the officer's commune and returns their ids.
    /// The demo commune has about 1,800 members, some already captured by the demo history; thousands of captures
    /// need more. The people come from the demo generator with a seed of their own (ID numbers that the demo
    /// already uses are skipped), so they look like the demo's and the mock registry knows none of them.
    /// </summary>
    public static async Task<List<int>> AddCellAsync(TestDatabase database, int count)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var db = database.CreateContext(DataScope.System);
        var communeId = await OfficerCommuneAsync(db);
        var cell = new PartyCell { CommuneId = communeId, Name = LoadCellName };
        db.PartyCells.Add(cell);
        await db.SaveChangesAsync();

        var taken = (await db.PartyMembers.Select(m => m.IdNumber).ToListAsync()).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var generated = DemoPopulationGenerator.Generate(seed: 8_000, shapes: [new("99990", "Xã Thử tải", count + (count / 10) + 50, 1, new(7, 0), new(17, 0), 1)]);
        var now = DateTime.UtcNow;
        var added = 0;
        foreach (var person in generated.Communes[0].Cells.SelectMany(c => c.Members))
        {
            if (added == count)
            {
                break;
            }

            if (!taken.Add(person.IdNumber.Value))
            {
                continue;
            }

            var member = PartyMember.Create(communeId, cell.Id, person.IdNumber, person.FullName, person.Sex, person.BirthYear, person.BirthDate, now);
            member.Address = person.Address;
            db.PartyMembers.Add(member);
            if (++added % 2_000 == 0)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }
        }

        await db.SaveChangesAsync();
        await MemberCounts.RecountAsync(db, communeId);
        if (added < count)
        {
            throw new InvalidOperationException($"Only {added} synthetic members could be made, {count} wanted.");
        }

        return await db.PartyMembers.Where(m => m.PartyCellId == cell.Id).OrderBy(m => m.Id).Select(m => m.Id).ToListAsync();
    }

    public static async Task<int> OfficerCommuneAsync(AppDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var code = DemoPopulationGenerator.DefaultShapes[0].Code;
        return await db.Communes.Where(c => c.Code == code).Select(c => c.Id).SingleAsync();
    }
}
