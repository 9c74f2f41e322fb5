using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Hosting;

namespace PartyCardIntake.IntegrationTests.Reports;

/// <summary>
/// A commune of its own in the demo province, with records on known days, so that every figure of its report
/// is known in advance whatever the other tests sharing the application do. The report's day <see cref="Day"/>
/// is yesterday, so that no record lies in the future.
/// </summary>
public sealed record ReportCommune(int Id, string Code, string Name, DateOnly Day, DateOnly Deadline, IReadOnlyList<string> MemberNames, string LeadUserName)
{
    private static int _next;

    /// <summary>
    /// Cell A: seven members, one exempted; cell B: four. Records (device, Vietnam time, state):
    /// on the day: A1 08:00 M1 approved, A2 08:04 M1 transmitted, A3 08:10 M1 mismatched, A4 09:00 M1 pending,
    /// B1 08:30 M2 mismatched and returned; the day before: B2 M1 approved, A5 M1 cancelled; two days before:
    /// B3 M2 not found; five days before: A6 M1 approved. Home visits on the day: B1 (has a record) and B4
    /// planned, A5 cancelled.
    /// </summary>
    public static async Task<ReportCommune> CreateAsync(AppFixture app, bool atRisk = false)
    {
        var number = Interlocked.Increment(ref _next);
        var code = $"8{number:0000}";
        var name = $"Xã Kiểm Thử {number}";
        var day = DateOnly.FromDateTime(DateTime.UtcNow.AddHours(7)).AddDays(-1);
        var deadline = day.AddDays(10);

        await using var db = app.SystemContext();
        var provinceId = await db.Communes.Where(c => c.Id == app.CommuneOne).Select(c => c.ProvinceId).SingleAsync();
        var commune = new Commune { ProvinceId = provinceId, Code = code, Name = name, Deadline = deadline };
        db.Communes.Add(commune);
        await db.SaveChangesAsync();

        var cellA = new PartyCell { CommuneId = commune.Id, Name = "Chi bộ Thôn Một" };
        var cellB = new PartyCell { CommuneId = commune.Id, Name = "Chi bộ Thôn Hai" };
        var site = new IntakeSite { CommuneId = commune.Id, Name = $"Trụ sở Công an {name}" };
        site.Devices.Add(new Device { CommuneId = commune.Id, Name = "Máy A" });
        site.Devices.Add(new Device { CommuneId = commune.Id, Name = "Máy B" });
        db.PartyCells.AddRange(cellA, cellB);
        db.IntakeSites.Add(site);
        await db.SaveChangesAsync();

        var now = DateTime.UtcNow;
        // Born in 1931, which the demo population never is, so the ID numbers cannot meet a demo member's.
        PartyMember Member(PartyCell cell, int index) => PartyMember.Create(
            commune.Id, cell.Id, PersonalIdNumber.Create("025", Sex.Female, 1931, (number * 100) + index), $"Hoàng Thị Mẫu {code} {index}", Sex.Female, 1931, null, now);
        var a = Enumerable.Range(1, 7).Select(i => Member(cellA, i)).ToList();
        var b = Enumerable.Range(11, 4).Select(i => Member(cellB, i)).ToList();
        a[6].Exempt(ExemptionReason.Abroad, null, day);
        db.PartyMembers.AddRange(a);
        db.PartyMembers.AddRange(b);
        await db.SaveChangesAsync();
        await MemberCounts.RecountAsync(db, commune.Id);

        var m1 = site.Devices[0].Id;
        var m2 = site.Devices[1].Id;
        DateTime At(DateOnly d, int hour, int minute) => VietnamTime.StartOfDayUtc(d).AddHours(hour).AddMinutes(minute);
        Application Submit(PartyMember member, int device, DateTime at) =>
            Application.Submit(Guid.NewGuid(), member, site.Id, device, "kiem-thu", at);

        var records = new List<Application>();
        if (atRisk)
        {
            // One record long ago and none since: no pace, members left, a deadline: at risk.
            var old = Submit(a[0], m1, At(day.AddDays(-6), 9, 0));
            old.RecordVerification(VerificationStatus.Matched, old.SubmittedAt);
            records.Add(old);
        }
        else
        {
            var approved = Submit(a[0], m1, At(day, 8, 0));
            approved.RecordVerification(VerificationStatus.Matched, approved.SubmittedAt);
            approved.Approve("kiem-thu", approved.SubmittedAt);
            var transmitted = Submit(a[1], m1, At(day, 8, 4));
            transmitted.RecordVerification(VerificationStatus.Matched, transmitted.SubmittedAt);
            transmitted.Approve("kiem-thu", transmitted.SubmittedAt);
            transmitted.MarkTransmitted(transmitted.SubmittedAt.AddHours(2));
            var mismatched = Submit(a[2], m1, At(day, 8, 10));
            mismatched.RecordVerification(VerificationStatus.Mismatched, mismatched.SubmittedAt);
            var pending = Submit(a[3], m1, At(day, 9, 0));
            // Registry unavailable; the next attempt is far off, so no re-check round settles it during the test.
            pending.ApplyCheck(CheckOutcome.Unavailable, false, now, TimeSpan.FromDays(2));
            var returned = Submit(b[0], m2, At(day, 8, 30));
            returned.RecordVerification(VerificationStatus.Mismatched, returned.SubmittedAt);
            returned.Return("Sai năm sinh", returned.SubmittedAt.AddHours(1));
            var yesterday = Submit(b[1], m1, At(day.AddDays(-1), 10, 0));
            yesterday.RecordVerification(VerificationStatus.Matched, yesterday.SubmittedAt);
            yesterday.Approve("kiem-thu", yesterday.SubmittedAt);
            var cancelled = Submit(a[4], m1, At(day.AddDays(-1), 10, 5));
            cancelled.Cancel(cancelled.SubmittedAt.AddMinutes(1));
            var notFound = Submit(b[2], m2, At(day.AddDays(-2), 15, 0));
            notFound.RecordVerification(VerificationStatus.NotFound, notFound.SubmittedAt);
            var early = Submit(a[5], m1, At(day.AddDays(-5), 7, 30));
            early.RecordVerification(VerificationStatus.Matched, early.SubmittedAt);
            early.Approve("kiem-thu", early.SubmittedAt);
            records.AddRange([approved, transmitted, mismatched, pending, returned, yesterday, cancelled, notFound, early]);

            HomeVisit Visit(PartyMember member, int hour, HomeVisitStatus status) => new()
            {
                CommuneId = commune.Id, MemberId = member.Id, Start = day.ToDateTime(new TimeOnly(hour, 0)), End = day.ToDateTime(new TimeOnly(hour, 30)),
                Team = "Tổ lưu động", Address = "Tại nhà", Status = status, CreatedAt = now, UpdatedAt = now,
            };
            db.HomeVisits.AddRange(Visit(b[0], 14, HomeVisitStatus.Planned), Visit(b[3], 15, HomeVisitStatus.Planned), Visit(a[4], 16, HomeVisitStatus.Cancelled));
        }

        db.Applications.AddRange(records);
        await db.SaveChangesAsync();

        var lead = await CreateUserAsync(app, commune, AppRoles.StationLead);
        return new ReportCommune(commune.Id, code, name, day, deadline, [.. a.Select(m => m.FullName), .. b.Select(m => m.FullName)], lead);
    }

    /// <summary>A user of the commune with the demo password.</summary>
    public static async Task<string> CreateUserAsync(AppFixture app, Commune commune, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(commune);
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = $"baocao.{commune.Code}.{role.ToLowerInvariant()}", DisplayName = "Kiểm thử báo cáo", CommuneId = commune.Id, ProvinceId = commune.ProvinceId };
        if (!(await users.CreateAsync(user, PartyCardAppFactory.DemoPassword)).Succeeded || !(await users.AddToRoleAsync(user, role)).Succeeded)
        {
            throw new InvalidOperationException("Could not create the report test user.");
        }

        return user.UserName;
    }

    public string Iso => Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
