using System.Collections.Frozen;
using System.Globalization;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.MockRegistry;

/// <summary>
/// The registry's citizens, rebuilt from the same seed as the demo party members so that the two
/// sources agree without sharing a database.
/// </summary>
public sealed class SyntheticPopulation
{
    private readonly FrozenDictionary<string, CitizenRecord> _citizens;

    public SyntheticPopulation(int seed = DemoPopulationGenerator.DefaultSeed)
    {
        var population = DemoPopulationGenerator.Generate(seed);
        _citizens = population.Communes
            .SelectMany(c => c.Cells.SelectMany(cell => cell.Members.Select(m => ToCitizen(m, c.Name))))
            .ToFrozenDictionary(c => c.IdNumber, StringComparer.Ordinal);
    }

    public int Count => _citizens.Count;

    public CitizenRecord? Find(string idNumber) => _citizens.GetValueOrDefault(idNumber);

    private static CitizenRecord ToCitizen(DemoMember member, string commune) => new(
        member.IdNumber.Value,
        member.FullName,
        member.BirthDate is { } date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : member.BirthYear.ToString(CultureInfo.InvariantCulture),
        member.Sex == Sex.Male ? "Nam" : "Nữ",
        BirthProvinceCodes.Names.GetValueOrDefault(member.IdNumber.ProvinceCode, string.Empty),
        $"{member.Address.Split(',')[0]}, {commune}, Tỉnh Phú Thọ",
        "Kinh");
}
