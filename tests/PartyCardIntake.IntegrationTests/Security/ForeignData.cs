using Microsoft.EntityFrameworkCore;
using PartyCardIntake.IntegrationTests.Web;

namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>The ids of another commune that the isolation test tries, and a fingerprint of its rows to show nothing changed.</summary>
public sealed record ForeignData(
    string CommuneCode,
    IReadOnlyList<int> Members,
    IReadOnlyList<int> Cells,
    IReadOnlyList<int> Sites,
    IReadOnlyList<int> Slots,
    IReadOnlyList<int> Visits,
    IReadOnlyList<int> Imports,
    IReadOnlyList<Guid> Applications,
    IReadOnlyList<Guid> Transmissions)
{
    public const int MemberCount = 50;

    public static async Task<ForeignData> LoadAsync(AppFixture app, int communeId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.SystemContext();
        var members = await db.PartyMembers.Where(m => m.CommuneId == communeId).OrderBy(m => m.Id).Select(m => m.Id).Take(MemberCount).ToListAsync();
        members.Should().HaveCount(MemberCount, "the demo's second commune has enough members");
        return new ForeignData(
            await db.Communes.Where(c => c.Id == communeId).Select(c => c.Code).SingleAsync(),
            members,
            await db.PartyCells.Where(c => c.CommuneId == communeId).OrderBy(c => c.Id).Select(c => c.Id).Take(10).ToListAsync(),
            await db.IntakeSites.Where(s => s.CommuneId == communeId).Select(s => s.Id).ToListAsync(),
            await db.ScheduleSlots.Where(s => s.CommuneId == communeId).OrderBy(s => s.Id).Select(s => s.Id).Take(10).ToListAsync(),
            await db.HomeVisits.Where(v => v.CommuneId == communeId).OrderBy(v => v.Id).Select(v => v.Id).Take(10).ToListAsync(),
            await db.MemberImports.Where(i => i.CommuneId == communeId).Select(i => i.Id).Take(10).ToListAsync(),
            await db.Applications.Where(a => a.CommuneId == communeId).OrderBy(a => a.SubmittedAt).Select(a => a.Id).Take(10).ToListAsync(),
            await db.Transmissions.Where(t => t.CommuneId == communeId).Select(t => t.Id).Take(10).ToListAsync());
    }

    /// <summary>What a write that slipped through would change: events, checks, exemptions, slots, visits, applications, cells, sites.</summary>
    public static async Task<string> FingerprintAsync(AppFixture app, int communeId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = app.SystemContext();
        var parts = new object[]
        {
            await db.MemberEvents.CountAsync(e => e.CommuneId == communeId),
            await db.RegistryChecks.CountAsync(c => c.CommuneId == communeId),
            await db.PartyMembers.CountAsync(m => m.CommuneId == communeId && (m.Exemption != null || m.NeedsHomeVisit)),
            await db.ScheduleSlots.CountAsync(s => s.CommuneId == communeId),
            await db.SlotMembers.CountAsync(s => s.CommuneId == communeId),
            string.Join(',', await db.HomeVisits.Where(v => v.CommuneId == communeId).OrderBy(v => v.Id).Select(v => v.Status + "@" + v.Id).ToListAsync()),
            string.Join(',', await db.Applications.Where(a => a.CommuneId == communeId).OrderBy(a => a.Id).Select(a => a.State).ToListAsync()),
            string.Join(',', await db.PartyCells.Where(c => c.CommuneId == communeId).OrderBy(c => c.Id).Select(c => c.Name).ToListAsync()),
            string.Join(',', await db.IntakeSites.Where(s => s.CommuneId == communeId).OrderBy(s => s.Id).Select(s => s.Name).ToListAsync()),
            await db.Transmissions.CountAsync(t => t.CommuneId == communeId),
        };
        return string.Join(" | ", parts);
    }
}
