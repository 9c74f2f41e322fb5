using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Demo;

/// <summary>
/// Deterministic synthetic campaign: the same seed always gives the same people, so that the mock
/// registry can rebuild the citizens that match the demo members without sharing a database.
/// </summary>
public static class DemoPopulationGenerator
{
    public const int DefaultSeed = 20250801;

    public static readonly IReadOnlyList<DemoCommuneShape> DefaultShapes =
    [
        // Kỳ Sơn: 1,789 members in 54 organisations, one device open 07:00–23:00 every day.
        new("04522", "Phường Kỳ Sơn", 1789, 54, new(7, 0), new(23, 0), 1),
        new("04531", "Xã Thanh Sơn", 1209, 49, new(7, 0), new(21, 0), 2),
        new("04540", "Xã Tân Lạc", 746, 47, new(7, 30), new(17, 30), 1),
    ];

    public static DemoPopulation Generate(int seed = DefaultSeed, IReadOnlyList<DemoCommuneShape>? shapes = null, int referenceYear = 2025)
    {
        var random = new Random(seed);
        var usedIds = new HashSet<string>(StringComparer.Ordinal);
        var communes = (shapes ?? DefaultShapes)
            .Select(shape => GenerateCommune(random, shape, usedIds, referenceYear))
            .ToList();
        return new DemoPopulation("25", "Tỉnh Phú Thọ", communes);
    }

    private static DemoCommune GenerateCommune(Random random, DemoCommuneShape shape, HashSet<string> usedIds, int referenceYear)
    {
        var sizes = SplitSizes(random, shape.Members, shape.Cells);
        var cells = new List<DemoCell>(shape.Cells);
        var institutions = Math.Min(DemoNames.InstitutionCells.Length, Math.Max(2, shape.Cells / 5));
        var residentialKind = DemoNames.ResidentialCellKinds[random.Next(DemoNames.ResidentialCellKinds.Length)];
        for (var i = 0; i < shape.Cells; i++)
        {
            var isInstitution = i >= shape.Cells - institutions;
            var name = isInstitution
                ? DemoNames.InstitutionCells[i - (shape.Cells - institutions)]
                : $"Chi bộ {residentialKind} số {i + 1}";
            var availability = isInstitution
                ? (random.Next(3) == 0 ? CellAvailability.Evenings : CellAvailability.WorkingHours)
                : (random.Next(4) == 0 ? CellAvailability.Weekends : CellAvailability.AnyTime);
            var place = isInstitution ? shape.Name : $"{residentialKind} số {i + 1}, {shape.Name}";
            var members = Enumerable.Range(0, sizes[i])
                .Select(_ => GenerateMember(random, usedIds, place, referenceYear))
                .ToList();
            var secretary = members.Count > 0 ? members[0].FullName : FullName(random, Sex.Male, 1970);
            cells.Add(new DemoCell(name, availability, IsExternal: isInstitution && random.Next(4) == 0, secretary, Phone(random), members));
        }

        var sites = new List<DemoSite>
        {
            new(
                $"Trụ sở Công an {shape.Name}",
                $"Trụ sở Công an {shape.Name}, Tỉnh Phú Thọ",
                shape.OpensAt,
                shape.ClosesAt,
                Enumerable.Range(1, shape.Devices).Select(n => $"Máy {n}").ToList()),
        };
        return new DemoCommune(shape.Code, shape.Name, cells, sites);
    }

    /// <summary>Residential cells are large, institutional ones small; sizes add up exactly.</summary>
    private static int[] SplitSizes(Random random, int total, int count)
    {
        var weights = Enumerable.Range(0, count).Select(i => i < count * 4 / 5 ? 2.0 + random.NextDouble() * 3 : 0.4 + random.NextDouble()).ToArray();
        var sum = weights.Sum();
        var sizes = weights.Select(w => Math.Max(3, (int)(w / sum * total))).ToArray();
        var diff = total - sizes.Sum();
        for (var i = 0; diff != 0; i = (i + 1) % count)
        {
            if (diff > 0)
            {
                sizes[i]++;
                diff--;
            }
            else if (sizes[i] > 3)
            {
                sizes[i]--;
                diff++;
            }
        }

        return sizes;
    }

    private static DemoMember GenerateMember(Random random, HashSet<string> usedIds, string place, int referenceYear)
    {
        // Many party members are elderly: a third born before 1956.
        var roll = random.NextDouble();
        var birthYear = roll switch
        {
            < 0.33 => random.Next(1932, 1956),
            < 0.63 => random.Next(1956, 1971),
            < 0.90 => random.Next(1971, 1991),
            _ => random.Next(1991, referenceYear - 18),
        };
        var sex = random.NextDouble() < (birthYear < 1960 ? 0.68 : 0.52) ? Sex.Male : Sex.Female;
        var yearOnly = birthYear < 1950 ? random.NextDouble() < 0.25 : random.NextDouble() < 0.02;
        DateOnly? birthDate = yearOnly ? null : new DateOnly(birthYear, 1, 1).AddDays(random.Next(365));
        var provinceCode = random.NextDouble() switch
        {
            < 0.55 => "025",
            < 0.70 => "017",
            < 0.80 => "026",
            _ => BirthProvinceCodes.Names.Keys[random.Next(BirthProvinceCodes.Names.Count)],
        };

        PersonalIdNumber id;
        do
        {
            id = PersonalIdNumber.Create(provinceCode, sex, birthYear, random.Next(1, 1_000_000));
        }
        while (!usedIds.Add(id.Value));

        var age = referenceYear - birthYear;
        // Members join as adults: from the 18th birthday (or the year after, when only the year is known).
        var adult = birthDate?.AddYears(18) ?? new DateOnly(birthYear + 19, 1, 1);
        var latest = new DateOnly(referenceYear - 1, 12, 31);
        var joined = adult.AddDays(random.Next(0, 25 * 365));
        joined = joined > latest ? latest : joined;
        var exemption = random.NextDouble() switch
        {
            < 0.004 => ExemptionReason.SeriouslyIll,
            < 0.007 => ExemptionReason.Abroad,
            _ => (ExemptionReason?)null,
        };
        return new DemoMember(
            id,
            FullName(random, sex, birthYear),
            sex,
            birthYear,
            birthDate,
            random.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            joined,
            random.NextDouble() < (age > 80 ? 0.4 : 0.85) ? Phone(random) : null,
            $"Số {random.Next(1, 200)}, {place}",
            NeedsHomeVisit: age >= 85 && random.NextDouble() < 0.4,
            exemption);
    }

    private static string FullName(Random random, Sex sex, int birthYear)
    {
        var surname = Pick(random, DemoNames.Surnames);
        var middle = sex == Sex.Male
            ? DemoNames.MaleMiddle[random.Next(DemoNames.MaleMiddle.Length)]
            : DemoNames.FemaleMiddle[random.Next(DemoNames.FemaleMiddle.Length)];
        var given = sex == Sex.Male
            ? DemoNames.MaleGiven[random.Next(DemoNames.MaleGiven.Length)]
            : DemoNames.FemaleGiven[random.Next(DemoNames.FemaleGiven.Length)];

        // Younger members more often carry a second middle name.
        if (birthYear > 1975 && random.NextDouble() < 0.2)
        {
            var extra = sex == Sex.Male ? (middle == "Minh" ? "Quốc" : "Minh") : (middle == "Thu" ? "Thanh" : "Thu");
            return $"{surname} {middle} {extra} {given}";
        }

        return $"{surname} {middle} {given}";
    }

    private static string Phone(Random random) =>
        $"0{(random.Next(2) == 0 ? 9 : 3)}{random.Next(10_000_000, 99_999_999)}";

    private static string Pick(Random random, (string Name, int Weight)[] weighted)
    {
        var total = 0;
        foreach (var (_, weight) in weighted)
        {
            total += weight;
        }

        var roll = random.Next(total);
        foreach (var (name, weight) in weighted)
        {
            if (roll < weight)
            {
                return name;
            }

            roll -= weight;
        }

        return weighted[0].Name;
    }
}
