using PartyCardIntake.Core.Planning;
using static PartyCardIntake.Core.Planning.AvailabilityWindow;
using static PartyCardIntake.UnitTests.Planning.PlanCases;

namespace PartyCardIntake.UnitTests.Planning;

/// <summary>Communes shaped after the figures reported from the field (DESIGN.md §1).</summary>
internal static class WardShapes
{
    public static readonly DateOnly Start = new(2025, 8, 6);

    /// <summary>
    /// Kỳ Sơn ward: 1,789 members in 54 party organisations, one device open 07:00–23:00 every day.
    /// Residential cells of 50–90 members between many small ones of schools, offices and enterprises.
    /// </summary>
    public static PlanRequest KySon()
    {
        int[] sizes =
        [
            62, 25, 23, 20, 62, 23, 46, 17, 12, 12, 20, 65, 19, 28, 47, 54, 35, 22, 18, 75, 23, 14, 16, 28, 12, 26, 25,
            55, 14, 39, 29, 76, 51, 24, 17, 53, 19, 23, 51, 23, 12, 47, 65, 89, 19, 34, 76, 12, 38, 28, 22, 14, 18, 12,
        ];
        return Request(
            [Site("Công an phường Kỳ Sơn", 1, "07:00-23:00")],
            [.. sizes.Select((members, index) => Cell($"Chi bộ {index + 1:00}", members))],
            start: Start,
            deadline: new DateOnly(2025, 8, 15));
    }

    /// <summary>
    /// A large ward: two sites with 3 and 4 devices open 07:00–21:00 every day, cells of 20–120 members,
    /// mostly free at any time, some only in working hours, some only evenings and weekends.
    /// </summary>
    public static PlanRequest LargeWard(int members, int cells, DateOnly? deadline = null, int seed = 2025)
    {
        var random = new Random(seed);
        var sizes = Enumerable.Range(0, cells).Select(_ => random.Next(20, 121)).ToArray();
        // Nudge random cells one member at a time until the total is exact, staying within 20–120.
        while (sizes.Sum() != members)
        {
            var index = random.Next(cells);
            var step = sizes.Sum() < members ? 1 : -1;
            if (sizes[index] + step is >= 20 and <= 120)
            {
                sizes[index] += step;
            }
        }

        var list = sizes.Select((size, index) =>
        {
            var draw = random.Next(100);
            AvailabilityWindow[] windows = draw switch
            {
                < 70 => [],
                < 85 => [WeekdayDaytime],
                < 95 => [WeekdayEvening, Weekend],
                _ => [Weekend],
            };
            return Cell($"Chi bộ {index + 1:000}", size, windows);
        }).ToList();

        return Request(
            [Site("Trụ sở Công an phường", 3, "07:00-21:00"), Site("Nhà văn hoá khu 5", 4, "07:00-21:00")],
            list,
            start: Start,
            deadline: deadline);
    }

    /// <summary>
    /// The large ward with a commune's usual exceptions: both sites open longer on the first Saturday
    /// (06:00–22:00), the first site closed the next Wednesday and the second open only mornings on Friday 15.
    /// </summary>
    public static PlanRequest WithSpecialDays(PlanRequest ward)
    {
        var saturday = Start.AddDays(3);
        var sites = ward.Sites.Select(site => site.Special(saturday, "06:00-22:00")).ToList();
        sites[0] = sites[0].Special(Start.AddDays(7), string.Empty);
        sites[1] = sites[1].Special(Start.AddDays(9), "07:00-12:00");
        return ward with { Sites = sites };
    }
}
