using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.MockRegistry;

/// <summary>
/// The registry's citizens, rebuilt from the same seed as the demo party members so that the two
/// sources agree without sharing a database, except for a configurable share of discrepancies.
/// </summary>
public sealed class SyntheticPopulation
{
    private readonly FrozenDictionary<string, CitizenRecord> _citizens;
    private readonly FrozenDictionary<string, Discrepancy> _discrepancies;

    public SyntheticPopulation(int seed = DemoPopulationGenerator.DefaultSeed, double discrepancyShare = 0.18)
    {
        var population = DemoPopulationGenerator.Generate(seed);
        var members = population.Communes
            .SelectMany(c => c.Cells.SelectMany(cell => cell.Members.Select(m => (Member: m, Commune: c.Name))))
            .ToList();
        _discrepancies = members.ToFrozenDictionary(
            x => x.Member.IdNumber.Value,
            x => DiscrepancyRules.For(x.Member.IdNumber.Value, seed, discrepancyShare),
            StringComparer.Ordinal);
        _citizens = members
            .Where(x => _discrepancies[x.Member.IdNumber.Value] != Discrepancy.Unknown)
            .ToFrozenDictionary(
                x => x.Member.IdNumber.Value,
                x => ToCitizen(x.Member, x.Commune, _discrepancies[x.Member.IdNumber.Value]),
                StringComparer.Ordinal);
    }

    public int Count => _citizens.Count;

    public CitizenRecord? Find(string idNumber) => _citizens.GetValueOrDefault(idNumber);

    /// <summary>What the mock changed for this person; a number outside the demo population is unknown to it.</summary>
    public Discrepancy DiscrepancyOf(string idNumber) =>
        _discrepancies.TryGetValue(idNumber, out var discrepancy) ? discrepancy : Discrepancy.Unknown;

    public IEnumerable<string> IdsWith(Discrepancy discrepancy) =>
        _discrepancies.Where(d => d.Value == discrepancy).Select(d => d.Key).Order(StringComparer.Ordinal);

    private static CitizenRecord ToCitizen(DemoMember member, string commune, Discrepancy discrepancy)
    {
        var name = discrepancy switch
        {
            Discrepancy.NameDiacritic => DiscrepancyRules.ChangeOneDiacritic(member.FullName),
            Discrepancy.NfdName => member.FullName.Normalize(NormalizationForm.FormD),
            _ => member.FullName,
        };
        var dateOfBirth = discrepancy switch
        {
            Discrepancy.YearOnly => Year(member.BirthYear),
            Discrepancy.BirthDateDiffers => Date(ShiftWithinYear(member.BirthDate ?? new DateOnly(member.BirthYear, 6, 15), member.IdNumber.Value)),
            _ => member.BirthDate is { } date ? Date(date) : Year(member.BirthYear),
        };
        var address = discrepancy == Discrepancy.PlaceRenamed ? DiscrepancyRules.OldPlaceNames(member.Address, commune) : member.Address;
        return new CitizenRecord(
            member.IdNumber.Value,
            name,
            dateOfBirth,
            member.Sex == Sex.Male ? "Nam" : "Nữ",
            BirthProvinceCodes.Names.GetValueOrDefault(member.IdNumber.ProvinceCode, string.Empty),
            address,
            "Kinh");
    }

    private static DateOnly ShiftWithinYear(DateOnly date, string idNumber)
    {
        var days = 3 + (idNumber[^1] - '0');
        var shifted = date.AddDays(days);
        return shifted.Year == date.Year ? shifted : date.AddDays(-days);
    }

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Year(int year) => year.ToString(CultureInfo.InvariantCulture);
}
