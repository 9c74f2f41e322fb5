namespace PartyCardIntake.Tests.Shared.NationalData;

/// <summary>How big the generated country is. The defaults are the national figures of the design brief.</summary>
public sealed record NationalDataOptions
{
    public const int NationalMembers = 5_600_000;

    public int Provinces { get; init; } = 34;

    public int Communes { get; init; } = 3_321;

    public int Members { get; init; } = NationalMembers;

    /// <summary>
    /// Members of the first province, shaped so that its dashboard covers about 250,000 applications
    /// (the province target of the brief); 0 leaves it to chance like the others.
    /// </summary>
    public int FirstProvinceMembers { get; init; } = 257_000;

    public int Days { get; init; } = 30;

    public DateOnly FirstDay { get; init; } = new(2025, 8, 1);

    public int Seed { get; init; } = 20_250_801;

    /// <summary>The campaign's last generated day: the day the dashboards are asked about.</summary>
    public DateOnly LastDay => FirstDay.AddDays(Days - 1);

    /// <summary>The national shape with members (and so applications) scaled; provinces and communes stay as many.</summary>
    public static NationalDataOptions National(double scale) => new()
    {
        Members = (int)Math.Round(NationalMembers * scale),
        FirstProvinceMembers = (int)Math.Round(257_000 * scale),
    };
}

public sealed record ProvinceShape(int Id, string Code, string Name, int Members);

/// <summary>A commune's place in the generated data: its members' and cells' id ranges and how many are excused.</summary>
public sealed record CommuneShape(int Id, int ProvinceId, string Code, string Name, int Members, int Excused, int FirstMemberId, int FirstCellId, int Cells)
{
    public int Eligible => Members - Excused;
}

/// <summary>
/// The provinces and communes of a generated country, decided up front from the seed so that ids are known
/// before anything is written. Commune sizes are log-normal (a few hundred to tens of thousands of members)
/// and scaled to their province's total.
/// </summary>
public sealed class NationalShape
{
    private const int MembersPerCell = 35;

    // The 34 provinces after the 2025 merger.
    private static readonly string[] ProvinceNames =
    [
        "Hà Nội", "Huế", "Lai Châu", "Điện Biên", "Sơn La", "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
        "Cao Bằng", "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình",
        "Quảng Trị", "Đà Nẵng", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Hồ Chí Minh", "Đồng Nai",
        "Tây Ninh", "Cần Thơ", "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
    ];

    private NationalShape(NationalDataOptions options, List<ProvinceShape> provinces, List<CommuneShape> communes)
    {
        Options = options;
        Provinces = provinces;
        Communes = communes;
    }

    public NationalDataOptions Options { get; }

    public IReadOnlyList<ProvinceShape> Provinces { get; }

    public IReadOnlyList<CommuneShape> Communes { get; }

    public int Cells => Communes.Sum(c => c.Cells);

    public static NationalShape Create(NationalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Provinces, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Communes, options.Provinces);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Members, options.Communes);
        var random = new Random(options.Seed);

        // Province totals: the first as asked, the others 30k–300k in proportion, summing to the members.
        var totals = new int[options.Provinces];
        var shaped = options.FirstProvinceMembers > 0 && options.Provinces > 1;
        var weights = Enumerable.Range(0, options.Provinces).Select(_ => 30 + (random.NextDouble() * 270)).ToArray();
        var rest = options.Members - (shaped ? options.FirstProvinceMembers : 0);
        var restWeight = weights.Skip(shaped ? 1 : 0).Sum();
        for (var p = shaped ? 1 : 0; p < totals.Length; p++)
        {
            totals[p] = (int)(rest * weights[p] / restWeight);
        }

        if (shaped)
        {
            totals[0] = options.FirstProvinceMembers;
        }

        totals[^1] += options.Members - totals.Sum();

        // Communes per province in proportion to its members, at least one each.
        var counts = totals.Select(t => Math.Max(1, (int)Math.Round((double)options.Communes * t / options.Members))).ToArray();
        while (counts.Sum() != options.Communes)
        {
            var step = counts.Sum() > options.Communes ? -1 : 1;
            var index = step < 0 ? Array.IndexOf(counts, counts.Max()) : Array.IndexOf(counts, counts.Min());
            counts[index] += step;
        }

        var provinces = new List<ProvinceShape>();
        var communes = new List<CommuneShape>();
        int memberId = 1, cellId = 1;
        for (var p = 0; p < totals.Length; p++)
        {
            var province = new ProvinceShape(p + 1, (p + 1).ToString("D2"), ProvinceNames[p % ProvinceNames.Length], totals[p]);
            provinces.Add(province);
            foreach (var size in Split(totals[p], counts[p], random))
            {
                var id = communes.Count + 1;
                var cells = Math.Max(1, size / MembersPerCell);
                var excused = (int)Math.Round(size * (0.005 + (random.NextDouble() * 0.02)));
                var kind = size > 8_000 ? "Phường" : "Xã";
                communes.Add(new CommuneShape(id, province.Id, id.ToString("D5"), $"{kind} {province.Name} {id}", size, excused, memberId, cellId, cells));
                memberId += size;
                cellId += cells;
            }
        }

        return new NationalShape(options, provinces, communes);
    }

    /// <summary>Log-normal sizes summing to the total, none empty.</summary>
    private static int[] Split(int total, int parts, Random random)
    {
        var raw = Enumerable.Range(0, parts).Select(_ => Math.Exp(0.9 * Gaussian(random))).ToArray();
        var sum = raw.Sum();
        var sizes = raw.Select(r => Math.Max(1, (int)(total * r / sum))).ToArray();
        var biggest = Array.IndexOf(sizes, sizes.Max());
        sizes[biggest] += total - sizes.Sum();
        return sizes;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
