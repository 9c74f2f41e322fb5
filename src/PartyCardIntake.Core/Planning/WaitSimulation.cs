using System.Diagnostics.CodeAnalysis;

namespace PartyCardIntake.Core.Planning;

/// <summary>
/// How long members would wait at the desk: a first-come, first-served queue per slot with one server per device
/// and capture times between two and three minutes. Members come at random moments within their slot (each
/// uniformly, as people asked for "from 08:00 to 09:30" do), not one after another at even steps: evenly spaced
/// arrivals never queue when the plan counts three minutes a member, which made every plan show a wait of 0.
/// The seed is fixed so that the same plan always shows the same figures.
/// </summary>
internal static class WaitSimulation
{
    public const int Seed = 1789;
    public const double MinServiceMinutes = 2;
    public const double MaxServiceMinutes = 3;

    [SuppressMessage("Security", "CA5394:Do not use insecure randomness", Justification = "A reproducible simulation, not a secret.")]
    public static WaitStats Run(IReadOnlyList<PlannedSlot> slots, IReadOnlyList<SiteCalendar> sites)
    {
        var devices = sites.ToDictionary(site => site.Site.Name, site => site.Site.Devices, StringComparer.Ordinal);
        var random = new Random(Seed);
        var waits = new List<double>(slots.Sum(slot => slot.Members));
        foreach (var slot in slots)
        {
            var freeAt = new double[devices[slot.Site]];
            var duration = (slot.End - slot.Start).TotalMinutes;
            var arrivals = new double[slot.Members];
            for (var member = 0; member < arrivals.Length; member++)
            {
                arrivals[member] = random.NextDouble() * duration;
            }

            Array.Sort(arrivals);
            foreach (var arrival in arrivals)
            {
                var server = 0;
                for (var other = 1; other < freeAt.Length; other++)
                {
                    if (freeAt[other] < freeAt[server])
                    {
                        server = other;
                    }
                }

                var serviceStart = Math.Max(arrival, freeAt[server]);
                waits.Add(serviceStart - arrival);
                freeAt[server] = serviceStart + MinServiceMinutes
                    + (random.NextDouble() * (MaxServiceMinutes - MinServiceMinutes));
            }
        }

        if (waits.Count == 0)
        {
            return new WaitStats(0, 0);
        }

        waits.Sort();
        // Nearest rank: the smallest wait that at least 95 % of members do not exceed.
        var p95 = waits[(int)Math.Ceiling(0.95 * waits.Count) - 1];
        return new WaitStats(Round(waits.Average()), Round(p95));
    }

    private static double Round(double minutes) => Math.Round(minutes, 1, MidpointRounding.AwayFromZero);
}
