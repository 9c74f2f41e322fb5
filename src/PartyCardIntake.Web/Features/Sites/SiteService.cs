using FluentValidation;
using FluentValidation.Results;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;
using PartyCardIntake.Web.Components.Forms;

namespace PartyCardIntake.Web.Features.Sites;

/// <summary>Intake sites of the user's commune: hours, special days, devices and capacity.</summary>
public sealed class SiteService(IDbContextFactory<AppDbContext> factory, CurrentUser user, IValidator<SiteForm> validator)
{
    private bool CanManage => user.CommuneId is not null && user.IsInRole(AppRoles.StationLead);

    private bool CanView => user.CommuneId is not null
        && (user.IsInRole(AppRoles.StationLead) || user.IsInRole(AppRoles.IntakeOfficer) || user.IsInRole(AppRoles.WardCommittee));

    /// <summary>The commune's sites with their devices, by name; nothing for a user outside a commune.</summary>
    public async Task<IReadOnlyList<IntakeSite>> ListAsync(CancellationToken cancellationToken = default)
    {
        if (!CanView)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var sites = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).ToListAsync(cancellationToken);
        return sites.OrderBy(s => s.Name, Components.Labels.NameOrder).ToList();
    }

    /// <summary>The form of one of the commune's sites, or null (not found, or not the station lead).</summary>
    public async Task<SiteForm?> FormAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var site = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        return site is null ? null : SiteForm.From(site);
    }

    /// <summary>Creates (id null) or updates a site of the user's commune, after the form's own rules.</summary>
    public async Task<SaveResult> SaveAsync(int? id, SiteForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage)
        {
            return new SaveResult(SaveStatus.Forbidden);
        }

        var validation = await validator.ValidateAsync(form, cancellationToken);
        if (!validation.IsValid)
        {
            return new SaveResult(SaveStatus.Invalid, null, validation.Errors);
        }

        var weekly = new Dictionary<DayOfWeek, IReadOnlyList<OpeningInterval>>();
        if (!form.NoFixedHours)
        {
            foreach (var day in form.Days.Where(d => d.Open))
            {
                weekly[day.Day] = day.ToIntervals();
            }
        }

        var special = form.SpecialDays.Select(d => new SpecialDay(DateOnly.FromDateTime(d.Date!.Value), d.ToIntervals())).ToList();
        var schedule = new SiteSchedule(weekly, special);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var site = id is { } existing ? await db.IntakeSites.Include(s => s.Devices).FirstOrDefaultAsync(s => s.Id == existing, cancellationToken) : null;
        if (id is not null && site is null)
        {
            return new SaveResult(SaveStatus.NotFound);
        }

        if (site is null)
        {
            site = new IntakeSite { CommuneId = user.CommuneId!.Value, Name = string.Empty };
            db.IntakeSites.Add(site);
        }

        site.Name = VietnameseText.Normalize(form.Name);
        site.Address = VietnameseText.Normalize(form.Address) is { Length: > 0 } address ? address : null;
        site.MinutesPerMember = form.EffectiveMinutes()!.Value;
        site.WeeklyHoursJson = schedule.ToWeeklyJson();
        site.ExceptionsJson = schedule.ToExceptionsJson();
        if (weekly.Count > 0)
        {
            // Kept for pages that show one opening and closing time.
            site.OpensAt = weekly.Values.Min(v => v[0].Start);
            site.ClosesAt = weekly.Values.Max(v => v[^1].End);
        }

        for (var i = 0; i < form.Devices.Count; i++)
        {
            // A device id of another site (or commune) is not among this site's devices and changes nothing.
            if (site.Devices.FirstOrDefault(d => d.Id == form.Devices[i].Id) is { } device)
            {
                device.Name = VietnameseText.Normalize(form.Devices[i].Name);
                device.IsActive = form.Devices[i].Active;
            }
        }

        if (VietnameseText.Normalize(form.NewDevice) is { Length: > 0 } deviceName)
        {
            if (site.Devices.Any(d => d.Name == deviceName))
            {
                return SaveResult.Invalid(nameof(SiteForm.NewDevice), Ui.Sites_Err_DeviceTaken);
            }

            site.Devices.Add(new Device { CommuneId = site.CommuneId, Name = deviceName });
        }

        if (site.Devices.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } clash)
        {
            var index = form.Devices.FindLastIndex(d => VietnameseText.Normalize(d.Name) == clash.Key);
            return SaveResult.Invalid(index < 0 ? nameof(SiteForm.NewDevice) : $"{nameof(SiteForm.Devices)}[{index}].{nameof(DeviceForm.Name)}", Ui.Sites_Err_DeviceTaken);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new SaveResult(SaveStatus.Saved, site.Id);
    }
}
