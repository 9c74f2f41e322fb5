using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Core.Demo;

/// <summary>
/// The campaign's first days as the desks would have left them, so that reports and dashboards have something
/// to show: each demo commune received part of its members, cell after cell, at its own pace (the first commune
/// steadily, the second with two devices, the third slowing down until it is at risk of missing the deadline),
/// and most of those records are approved, some transmitted, a few returned, mismatched or still waiting for the
/// registry. Well over half of the members are left for the desk. Deterministic for a given day.
/// </summary>
public static class DemoHistory
{
    private const string ReturnReason = "Ngày sinh trong hồ sơ đảng viên khác CSDL dân cư; đề nghị đảng viên điều chỉnh.";
    private static readonly TimeSpan VietnamOffset = TimeSpan.FromHours(7);

    /// <summary>Records per station device and day for a commune, by its place in the demo and the campaign day.</summary>
    internal static int PerDevicePerDay(int communeIndex, int dayIndex, Random random) => communeIndex switch
    {
        0 => random.Next(75, 96),
        1 => random.Next(30, 41),
        2 => Math.Max(4, 34 - (dayIndex * 5) + random.Next(-2, 3)),
        _ => random.Next(20, 41),
    };

    /// <param name="users">User ids the records name: the officer who submits them and the lead who approves them.</param>
    public static async Task WriteAsync(
        AppDbContext db,
        int communeId,
        int communeIndex,
        DateOnly campaignStart,
        DateTime now,
        (string Officer, string Lead) users,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var random = new Random(DemoPopulationGenerator.DefaultSeed + communeIndex);
        var capture = DemoCapture.Instance;
        var localNow = now + VietnamOffset;
        var today = DateOnly.FromDateTime(localNow);

        var sites = await db.IntakeSites.AsNoTracking().Where(s => s.CommuneId == communeId).Include(s => s.Devices).OrderBy(s => s.Id).ToListAsync(cancellationToken);
        var mobile = sites.FirstOrDefault(s => s.Devices.Any(d => d.Name == DemoSeeder.MobileDeviceName));
        var station = sites.First(s => s != mobile);
        var members = new Queue<PartyMember>(await db.PartyMembers.AsNoTracking()
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !m.NeedsHomeVisit)
            .OrderBy(m => m.PartyCellId).ThenBy(m => m.Id)
            .ToListAsync(cancellationToken));

        // Home visits only in the first commune, where the demo's station lead plans them.
        var homeVisitMembers = communeIndex == 0 && mobile is not null
            ? new Queue<PartyMember>(await db.PartyMembers.AsNoTracking()
                .Where(m => m.CommuneId == communeId && m.Exemption == null && m.NeedsHomeVisit)
                .OrderBy(m => m.Id)
                .Take(12)
                .ToListAsync(cancellationToken))
            : new Queue<PartyMember>();

        var dayIndex = 0;
        for (var day = campaignStart; day <= today; day = day.AddDays(1), dayIndex++)
        {
            foreach (var device in station.Devices.OrderBy(d => d.Id))
            {
                var count = PerDevicePerDay(communeIndex, dayIndex, random);
                foreach (var at in Times(day, station.OpensAt, station.ClosesAt, count, localNow, random))
                {
                    if (!members.TryDequeue(out var member))
                    {
                        break;
                    }

                    db.Applications.Add(Record(member, station.Id, device.Id, at - VietnamOffset, today, day, now, users, capture, random));
                }
            }

            if (mobile is not null && day < today && dayIndex % 2 == 1 && homeVisitMembers.TryDequeue(out var visited))
            {
                var start = day.ToDateTime(new TimeOnly(9, 0));
                db.Applications.Add(Record(visited, mobile.Id, mobile.Devices[0].Id, start.AddMinutes(12) - VietnamOffset, today, day, now, users, capture, random));
                db.HomeVisits.Add(new HomeVisit
                {
                    CommuneId = communeId, MemberId = visited.Id, Start = start, End = start.AddMinutes(45), Team = "Tổ lưu động 1",
                    Address = visited.Address ?? "Tại nhà đảng viên", Status = HomeVisitStatus.Planned, CreatedAt = now, UpdatedAt = now,
                });
            }

            // One save per day keeps the change tracker small; the counts follow each save.
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Submission times of one device on one day: two to five minutes apart from opening, with a lunch break
    /// and an evening break, never after closing nor after the present moment.
    /// </summary>
    private static IEnumerable<DateTime> Times(DateOnly day, TimeOnly opens, TimeOnly closes, int count, DateTime localNow, Random random)
    {
        var at = day.ToDateTime(opens).AddMinutes(5);
        var close = day.ToDateTime(closes);
        for (var i = 0; i < count; i++)
        {
            at = at.AddSeconds(random.Next(120, 300));
            if (at.TimeOfDay is { Hours: 11, Minutes: >= 30 })
            {
                at = at.Date.AddHours(13).AddMinutes(30 + random.Next(0, 10));
            }
            else if (at.TimeOfDay is { Hours: 17, Minutes: >= 30 })
            {
                at = at.Date.AddHours(18).AddMinutes(45 + random.Next(0, 10));
            }

            if (at >= close || at >= localNow.AddMinutes(-5))
            {
                yield break;
            }

            yield return at;
        }
    }

    private static Application Record(
        PartyMember member, int siteId, int deviceId, DateTime submittedAt, DateOnly today, DateOnly day, DateTime now,
        (string Officer, string Lead) users, DemoCapture capture, Random random)
    {
        var id = new byte[16];
        random.NextBytes(id);
        var application = Application.Submit(
            new Guid(id), member, siteId, deviceId, users.Officer, submittedAt, capture: ApplicationCapture.Create(
                capture.Photo, DemoCapture.PhotoWidth, DemoCapture.PhotoHeight, capture.PhotoSha256,
                capture.Signature, capture.SignatureStrokes, capture.SignatureSha256, submittedAt));

        var age = today.DayNumber - day.DayNumber;
        var checkedAt = submittedAt.AddSeconds(3);
        var roll = random.NextDouble();
        if (roll < 0.03 && age <= 1)
        {
            // The registry did not answer; the re-check worker tries again a few hours after the demo starts.
            application.ApplyCheck(CheckOutcome.Unavailable, false, now, TimeSpan.FromHours(6));
            return application;
        }

        if (roll is >= 0.03 and < 0.075)
        {
            application.ApplyCheck(roll < 0.065 ? CheckOutcome.Mismatched : CheckOutcome.NotFound, false, checkedAt, TimeSpan.Zero);
            if (random.NextDouble() < 0.4)
            {
                application.Return(ReturnReason, submittedAt.AddHours(2));
            }

            return application;
        }

        var warnings = roll > 0.92;
        application.ApplyCheck(CheckOutcome.Matched, warnings, checkedAt, TimeSpan.Zero);
        if (warnings && age == 0)
        {
            // Waits for the station lead's review.
            return application;
        }

        application.Approve(users.Lead, submittedAt.AddHours(warnings ? 3 : 1));
        if (age >= 3 && random.NextDouble() < 0.6)
        {
            application.MarkTransmitted(day.AddDays(1).ToDateTime(new TimeOnly(8, 0)) - VietnamOffset);
        }

        return application;
    }
}
