using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Sites;

/// <summary>The form of a site: weekday hours as typed text, special days one per line ("dd/MM/yyyy: 07:00-21:00" or "dd/MM/yyyy:" for closed).</summary>
public sealed record SiteInput(
    string? Name,
    string? Address,
    int? MinutesPerMember,
    int? RecordsPerDevicePerDay,
    IReadOnlyDictionary<DayOfWeek, string?> Hours,
    string? SpecialDays,
    IReadOnlyList<(int Id, string? Name, bool Active)> Devices,
    string? NewDevice);

/// <summary>Intake sites of the user's commune: hours, special days, devices and capacity.</summary>
public sealed class SiteService(IDbContextFactory<AppDbContext> factory, CurrentUser user)
{
    public async Task<IReadOnlyList<IntakeSite>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.IntakeSites.AsNoTracking().Include(s => s.Devices).OrderBy(s => s.Name).ToListAsync(cancellationToken);
    }

    public async Task<IntakeSite?> FindAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.IntakeSites.AsNoTracking().Include(s => s.Devices).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
    }

    /// <summary>Creates (id null) or updates a site; returns the site id, or a message code with the field it concerns.</summary>
    public async Task<(int? Id, string? Error)> SaveAsync(int? id, SiteInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = VietnameseText.Normalize(input.Name);
        if (name.Length == 0)
        {
            return (null, "sites.name-required");
        }

        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        foreach (var day in SiteSchedule.Days)
        {
            if (!SiteSchedule.TryParseIntervals(input.Hours.GetValueOrDefault(day), out var intervals, out var error))
            {
                return (null, error);
            }

            if (intervals.Count > 0)
            {
                weekly[day] = intervals;
            }
        }

        var special = new List<SpecialDay>();
        foreach (var line in (input.SpecialDays ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var datePart = colon < 0 ? line : line[..colon];
            if (!DateOnly.TryParseExact(datePart.Trim(), ["dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return (null, "sites.special-day-format");
            }

            var hours = colon < 0 ? string.Empty : line[(colon + 1)..];
            if (!SiteSchedule.TryParseIntervals(hours.Replace("đóng cửa", string.Empty, StringComparison.OrdinalIgnoreCase), out var intervals, out var error))
            {
                return (null, error);
            }

            special.Add(new SpecialDay(date, intervals));
        }

        var schedule = new SiteSchedule(weekly, special);
        var minutes = input.MinutesPerMember;
        if (input.RecordsPerDevicePerDay is { } records and > 0)
        {
            // Converted on the longest regular day, the figure a commune quotes ("250 a device a day").
            var longest = SiteSchedule.Days.Max(d => (weekly.GetValueOrDefault(d) ?? []).Sum(i => (i.End - i.Start).TotalMinutes));
            minutes = (int)Math.Max(1, Math.Round(longest / records));
        }

        if (minutes is not (>= 1 and <= 120))
        {
            return (null, "sites.minutes");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var site = id is { } existing ? await db.IntakeSites.Include(s => s.Devices).FirstOrDefaultAsync(s => s.Id == existing, cancellationToken) : null;
        if (id is not null && site is null)
        {
            return (null, "member.not-found");
        }

        if (site is null)
        {
            site = new IntakeSite { CommuneId = user.CommuneId ?? throw new InvalidOperationException("Commune users only."), Name = name };
            db.IntakeSites.Add(site);
        }

        site.Name = name;
        site.Address = string.IsNullOrWhiteSpace(input.Address) ? null : VietnameseText.Normalize(input.Address);
        site.MinutesPerMember = minutes.Value;
        site.WeeklyHoursJson = schedule.ToWeeklyJson();
        site.ExceptionsJson = schedule.ToExceptionsJson();
        if (weekly.Count > 0)
        {
            // Kept for pages that show one opening and closing time.
            site.OpensAt = weekly.Values.Min(v => v[0].Start);
            site.ClosesAt = weekly.Values.Max(v => v[^1].End);
        }

        foreach (var (deviceId, deviceName, active) in input.Devices)
        {
            var device = site.Devices.FirstOrDefault(d => d.Id == deviceId);
            if (device is not null && !string.IsNullOrWhiteSpace(deviceName))
            {
                device.Name = VietnameseText.Normalize(deviceName);
                device.IsActive = active;
            }
        }

        if (!string.IsNullOrWhiteSpace(input.NewDevice))
        {
            var deviceName = VietnameseText.Normalize(input.NewDevice);
            if (site.Devices.Any(d => d.Name == deviceName))
            {
                return (null, "sites.device-taken");
            }

            site.Devices.Add(new Device { CommuneId = site.CommuneId, Name = deviceName });
        }

        await db.SaveChangesAsync(cancellationToken);
        return (site.Id, null);
    }
}
