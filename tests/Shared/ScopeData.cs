using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Tests.Shared;

/// <summary>Two provinces: communes A and B in the first, C in the second, each with a little of everything.</summary>
public sealed record ScopeData(int ProvinceOne, int ProvinceTwo, int CommuneA, int CommuneB, int CommuneC)
{
    public const int MembersPerCommune = 3;

    public static async Task<ScopeData> SeedAsync(AppDbContext db)
    {
        var now = DateTime.UtcNow;
        var one = new Province { Code = "91", Name = "Tỉnh Một" };
        var two = new Province { Code = "92", Name = "Tỉnh Hai" };
        db.Provinces.AddRange(one, two);
        await db.SaveChangesAsync();

        var communes = new[]
        {
            new Commune { ProvinceId = one.Id, Code = "90001", Name = "Phường A" },
            new Commune { ProvinceId = one.Id, Code = "90002", Name = "Xã B" },
            new Commune { ProvinceId = two.Id, Code = "90003", Name = "Xã C" },
        };
        db.Communes.AddRange(communes);
        await db.SaveChangesAsync();

        var serial = 1;
        foreach (var commune in communes)
        {
            var cell = new PartyCell { CommuneId = commune.Id, Name = $"Chi bộ {commune.Name}" };
            var site = new IntakeSite { CommuneId = commune.Id, Name = $"Trụ sở {commune.Name}" };
            site.Devices.Add(new Device { CommuneId = commune.Id, Name = "Máy 1" });
            db.PartyCells.Add(cell);
            db.IntakeSites.Add(site);
            await db.SaveChangesAsync();

            var members = Enumerable.Range(0, MembersPerCommune)
                .Select(i => PartyMember.Create(commune.Id, cell.Id, PersonalIdNumber.Create("025", Sex.Male, 1950 + i, serial++), $"Nguyễn Văn {commune.Name} {i}", Sex.Male, 1950 + i, null, now))
                .ToList();
            db.PartyMembers.AddRange(members);
            await db.SaveChangesAsync();
            db.Applications.Add(Application.Submit(Guid.NewGuid(), members[0], site.Id, site.Devices[0].Id, "officer", now));
            await db.SaveChangesAsync();
        }

        return new ScopeData(one.Id, two.Id, communes[0].Id, communes[1].Id, communes[2].Id);
    }
}
