using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>The rows a kit becomes on the laptop, with the station's ids, and their removal when the next kit comes.</summary>
internal static class FieldKitRows
{
    /// <summary>
    /// A new kit replaces the previous one's members, checks, visits, drafts, returned applications and officer.
    /// Reached only when every capture is covered by a receipt; the audit trail and the places stay.
    /// </summary>
    public static async Task RemovePreviousAsync(AppDbContext db, CancellationToken ct)
    {
        if (!await db.FieldKitStates.AnyAsync(ct))
        {
            return;
        }

        await db.CaptureDrafts.ExecuteDeleteAsync(ct);
        await db.Set<ApplicationCapture>().ExecuteDeleteAsync(ct);
        await db.ApplicationDayCounts.ExecuteDeleteAsync(ct);
        await db.Applications.ExecuteDeleteAsync(ct);
        await db.RegistryChecks.ExecuteDeleteAsync(ct);
        await db.HomeVisits.ExecuteDeleteAsync(ct);
        await db.PartyMembers.ExecuteDeleteAsync(ct);
        var officers = await db.FieldKitStates.Select(s => s.OfficerUserId).ToListAsync(ct);
        await db.UserRoles.Where(r => officers.Contains(r.UserId)).ExecuteDeleteAsync(ct);
        await db.Users.Where(u => officers.Contains(u.Id)).ExecuteDeleteAsync(ct);
        await db.FieldKitStates.ExecuteDeleteAsync(ct);
    }

    public static async Task WriteAsync(AppDbContext db, FieldKitContent kit, DateTime now, CancellationToken ct)
    {
        var c = kit.Commune;
        if (!await db.Provinces.AnyAsync(p => p.Id == c.ProvinceId, ct))
        {
            db.Provinces.Add(new Province { Id = c.ProvinceId, Code = c.ProvinceCode, Name = c.ProvinceName });
        }

        if (!await db.Communes.AnyAsync(x => x.Id == c.Id, ct))
        {
            db.Communes.Add(new Commune { Id = c.Id, ProvinceId = c.ProvinceId, Code = c.Code, Name = c.Name, Deadline = c.Deadline });
        }

        var cells = await db.PartyCells.Select(x => x.Id).ToListAsync(ct);
        foreach (var cell in kit.Cells.Where(x => !cells.Contains(x.Id)))
        {
            db.PartyCells.Add(new PartyCell { Id = cell.Id, CommuneId = c.Id, Name = cell.Name });
        }

        var s = kit.Station;
        if (!await db.IntakeSites.AnyAsync(x => x.Id == s.SiteId, ct))
        {
            db.IntakeSites.Add(new IntakeSite { Id = s.SiteId, CommuneId = c.Id, Name = s.SiteName });
        }

        if (!await db.Devices.AnyAsync(x => x.Id == s.DeviceId, ct))
        {
            db.Devices.Add(new Device { Id = s.DeviceId, CommuneId = c.Id, IntakeSiteId = s.SiteId, Name = s.DeviceName });
        }

        foreach (var m in kit.Members)
        {
            var member = PartyMember.Create(c.Id, m.PartyCellId, PersonalIdNumber.Parse(m.IdNumber), m.FullName, (Sex)m.Sex, m.BirthYear, m.BirthDate, now);
            member.PartyCardNumber = m.PartyCardNumber;
            member.JoinedOn = m.JoinedOn;
            member.Phone = m.Phone;
            member.Address = m.Address;
            member.NeedsHomeVisit = true;
            db.PartyMembers.Add(member);
            db.Entry(member).Property(x => x.Id).CurrentValue = m.Id;
        }

        foreach (var check in kit.Checks)
        {
            db.RegistryChecks.Add(new RegistryCheck
            {
                CommuneId = c.Id,
                MemberId = check.MemberId,
                CheckedAt = check.CheckedAt,
                Source = (CheckSource)check.Source,
                Outcome = (CheckOutcome)check.Outcome,
                HasWarnings = check.HasWarnings,
                FailureReason = check.FailureReason,
                CitizenJson = check.CitizenJson,
                ComparisonJson = check.ComparisonJson,
            });
        }

        var o = kit.Officer;
        foreach (var v in kit.Visits)
        {
            db.HomeVisits.Add(new HomeVisit
            {
                Id = v.Id, CommuneId = c.Id, MemberId = v.MemberId, Start = v.Start, End = v.End, Team = v.Team, Address = v.Address, Note = v.Note,
                OfficerId = o.UserId, Status = HomeVisitStatus.Planned, CreatedAt = now, UpdatedAt = now,
            });
        }

        db.Users.Add(new AppUser
        {
            Id = o.UserId,
            UserName = o.UserName,
            NormalizedUserName = o.UserName.ToUpperInvariant(),
            DisplayName = o.FullName,
            PasswordHash = o.PasswordHash,
            SecurityStamp = o.SecurityStamp,
            ConcurrencyStamp = Guid.NewGuid().ToString(),
            CommuneId = c.Id,
            ProvinceId = c.ProvinceId,
            EmailConfirmed = true,
            LockoutEnabled = true,
        });
        var normalized = o.Roles.Select(r => r.ToUpperInvariant()).ToList();
        var roles = await db.Roles.Where(r => normalized.Contains(r.NormalizedName!)).Select(r => r.Id).ToListAsync(ct);
        foreach (var role in roles)
        {
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = o.UserId, RoleId = role });
        }

        await db.SaveChangesAsync(ct);
    }
}
