using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Core.Demo;

/// <summary>Demo sign-ins; the user names are fixed so that scripts and checks can rely on them.</summary>
public static class DemoAccounts
{
    public const string Admin = "demo.admin";
    public const string Province = "demo.province";
    public const string Committee = "demo.committee";
    public const string Lead = "demo.lead";
    public const string Officer = "demo.officer";
    public const string Officer2 = "demo.officer2";

    /// <summary>User name, role, display name, and which demo commune (null: the province).</summary>
    public static readonly IReadOnlyList<(string UserName, string Role, string DisplayName, int? CommuneIndex)> All =
    [
        (Admin, AppRoles.Admin, "Quản trị tỉnh (demo)", null),
        (Province, AppRoles.ProvinceViewer, "Lãnh đạo PC06 (demo)", null),
        (Committee, AppRoles.WardCommittee, "Ban Xây dựng Đảng (demo)", 0),
        (Lead, AppRoles.StationLead, "Trưởng Công an phường (demo)", 0),
        (Officer, AppRoles.IntakeOfficer, "Cán bộ tiếp nhận (demo)", 0),
        (Officer2, AppRoles.IntakeOfficer, "Cán bộ tiếp nhận xã 2 (demo)", 1),
    ];
}

/// <summary>
/// Writes the demo campaign and the demo accounts into an empty database. Safe to stop at any moment (a node
/// killed during its first start-up): the campaign and its history are each written in one transaction, the
/// accounts one by one and checked on every start, so the next start completes whatever is missing.
/// </summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<AppUser> users, TimeProvider clock, ILogger<DemoSeeder> logger)
{
    /// <summary>The device of each demo commune's mobile team, which the visiting officer chooses at the desk.</summary>
    public const string MobileDeviceName = "Máy lưu động";

    /// <summary>Who the demo history's records name where a commune has no demo officer or lead.</summary>
    public const string HistoryUser = "demo";

    public async Task SeedAsync(DemoPopulation population, string password, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(population);
        if (!db.Scope.Unrestricted)
        {
            throw new InvalidOperationException("Seeding needs the system data scope.");
        }

        var province = await db.Provinces.FirstOrDefaultAsync(p => p.Code == population.ProvinceCode, cancellationToken);
        // One unit the execution strategy may repeat whole (PostgreSQL's retrying strategy refuses a bare transaction).
        province ??= await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                var written = await db.Provinces.FirstOrDefaultAsync(p => p.Code == population.ProvinceCode, ct)
                    ?? await WriteCampaignAsync(population, ct);
                await transaction.CommitAsync(ct);
                return written;
            },
            cancellationToken);

        var communes = await db.Communes
            .Where(c => c.ProvinceId == province.Id)
            .ToDictionaryAsync(c => c.Code, cancellationToken);
        var userIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (userName, role, displayName, communeIndex) in DemoAccounts.All)
        {
            var commune = communeIndex is { } index ? communes[population.Communes[index].Code] : null;
            userIds[userName] = await EnsureUserAsync(userName, role, displayName, province.Id, commune?.Id, password);
        }

        // Written once, for a campaign that has no record yet: a start stopped before or during the history left none.
        var communeIds = communes.Values.Select(c => c.Id).ToList();
        if (province.CampaignStart is { } start && !await db.Applications.AnyAsync(a => communeIds.Contains(a.CommuneId), cancellationToken))
        {
            await WriteHistoryAsync(population, communes, start, userIds, cancellationToken);
        }
    }

    /// <summary>The campaign's first days at every demo commune; the accounts exist by now, so records name their officers.</summary>
    private async Task WriteHistoryAsync(
        DemoPopulation population, Dictionary<string, Commune> communes, DateOnly start, Dictionary<string, string> userIds, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var communeIds = communes.Values.Select(c => c.Id).ToList();
        await db.RunAsync(
            async ct =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);

                // A repeat after a commit whose answer was lost finds the history written.
                if (await db.Applications.AnyAsync(a => communeIds.Contains(a.CommuneId), ct))
                {
                    return;
                }

                for (var i = 0; i < population.Communes.Count; i++)
                {
                    string UserOf(string role) =>
                        DemoAccounts.All.Where(a => a.CommuneIndex == i && a.Role == role).Select(a => userIds[a.UserName]).FirstOrDefault() ?? HistoryUser;
                    var users = (UserOf(AppRoles.IntakeOfficer), UserOf(AppRoles.StationLead));
                    await DemoHistory.WriteAsync(db, communes[population.Communes[i].Code].Id, i, start, now, users, ct);
                }

                await transaction.CommitAsync(ct);
            },
            cancellationToken);

        // Thousands of rows just arrived in tables the query planner has no statistics for yet; on PostgreSQL the
        // first pages would otherwise run their anti-joins as nested loops for many seconds. Same statement on SQLite.
        // SQL Server has no ANALYZE; it creates and refreshes statistics by itself when a query first needs them
        // (AUTO_CREATE_STATISTICS, AUTO_UPDATE_STATISTICS, on by default), and sp_updatestats would need db_owner.
        if (!db.Database.RunsOnSqlServer())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }

        var received = await db.Applications.CountAsync(cancellationToken);
        logger.LogInformation("Demo history: {Records} records over the campaign's first days", received);
    }

    /// <summary>Outside demo mode the demo accounts must not exist.</summary>
    public async Task RemoveDemoAccountsAsync()
    {
        var demoUsers = await db.Users.Where(u => u.IsDemo).ToListAsync();
        foreach (var user in demoUsers)
        {
            Check(await users.DeleteAsync(user));
            logger.LogWarning("Removed demo account {UserName}: demo mode is off", user.UserName);
        }
    }

    private async Task<Province> WriteCampaignAsync(DemoPopulation population, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var province = new Province
        {
            Code = population.ProvinceCode,
            Name = population.ProvinceName,
            CampaignStart = today.AddDays(-7),
            Deadline = today.AddDays(21),
        };
        db.Provinces.Add(province);
        await db.SaveChangesAsync(cancellationToken);

        foreach (var demoCommune in population.Communes)
        {
            var commune = new Commune { ProvinceId = province.Id, Code = demoCommune.Code, Name = demoCommune.Name };
            db.Communes.Add(commune);
            await db.SaveChangesAsync(cancellationToken);

            foreach (var demoSite in demoCommune.Sites)
            {
                var site = new IntakeSite
                {
                    CommuneId = commune.Id,
                    Name = demoSite.Name,
                    Address = demoSite.Address,
                    OpensAt = demoSite.OpensAt,
                    ClosesAt = demoSite.ClosesAt,
                };
                foreach (var deviceName in demoSite.Devices)
                {
                    site.Devices.Add(new Device { CommuneId = commune.Id, Name = deviceName });
                }

                db.IntakeSites.Add(site);
            }

            db.IntakeSites.Add(MobileTeam(commune));

            var cells = demoCommune.Cells.Select(c => new PartyCell
            {
                CommuneId = commune.Id,
                Name = c.Name,
                Availability = c.Availability,
                IsExternal = c.IsExternal,
                SecretaryName = c.SecretaryName,
                SecretaryPhone = c.SecretaryPhone,
            }).ToList();
            db.PartyCells.AddRange(cells);
            await db.SaveChangesAsync(cancellationToken);

            for (var i = 0; i < cells.Count; i++)
            {
                foreach (var m in demoCommune.Cells[i].Members)
                {
                    var member = PartyMember.Create(commune.Id, cells[i].Id, m.IdNumber, m.FullName, m.Sex, m.BirthYear, m.BirthDate, now);
                    member.PartyCardNumber = m.PartyCardNumber;
                    member.JoinedOn = m.JoinedOn;
                    member.Phone = m.Phone;
                    member.Address = m.Address;
                    member.NeedsHomeVisit = m.NeedsHomeVisit;
                    if (m.Exemption is { } reason)
                    {
                        member.Exempt(reason, null, today.AddDays(-3));
                    }

                    db.PartyMembers.Add(member);
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await Data.MemberCounts.RecountAsync(db, commune.Id, cancellationToken);
            db.ChangeTracker.Clear();
            var memberCount = demoCommune.Cells.Sum(c => c.Members.Count);
            logger.LogInformation("Demo commune {Commune}: {Cells} cells, {Members} members", demoCommune.Name, cells.Count, memberCount);
        }

        return province;
    }

    /// <summary>
    /// The mobile team's laptop for home visits: a station of its own that the visiting officer picks at the
    /// desk. It has no opening hours, so the planner gives it no cell slots and no desk capacity.
    /// </summary>
    private static IntakeSite MobileTeam(Commune commune)
    {
        var site = new IntakeSite
        {
            CommuneId = commune.Id,
            Name = $"Tổ lưu động Công an {commune.Name}",
            Address = "Tiếp nhận tại nhà đảng viên",
            WeeklyHoursJson = new Planning.SiteSchedule(new Dictionary<DayOfWeek, IReadOnlyList<Planning.OpeningInterval>>(), []).ToWeeklyJson(),
        };
        site.Devices.Add(new Device { CommuneId = commune.Id, Name = MobileDeviceName });
        return site;
    }

    private async Task<string> EnsureUserAsync(string userName, string role, string displayName, int provinceId, int? communeId, string password)
    {
        var user = await users.FindByNameAsync(userName);
        var created = user is null;
        if (user is null)
        {
            user = new AppUser
            {
                UserName = userName,
                DisplayName = displayName,
                ProvinceId = provinceId,
                CommuneId = communeId,
                IsDemo = true,
                EmailConfirmed = true,
                LockoutEnabled = true,
            };
            Check(await users.CreateAsync(user, password));
        }

        // Also for an account that exists: a start stopped between creating it and giving it its role left it without.
        if (!await users.IsInRoleAsync(user, role))
        {
            Check(await users.AddToRoleAsync(user, role));
        }

        // The password follows configuration on every start, so a regenerated one always works.
        if (!created && !await users.CheckPasswordAsync(user, password))
        {
            Check(await users.RemovePasswordAsync(user));
            Check(await users.AddPasswordAsync(user, password));
        }

        return user.Id;
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
