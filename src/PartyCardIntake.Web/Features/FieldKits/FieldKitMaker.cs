using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.HomeVisits;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.FieldKits;

public sealed record FieldKitFieldError(string Field, string Message);

/// <summary>A kit just made: the file and passphrase exist only here, never stored.</summary>
public sealed record MadeFieldKit(FieldKit Kit, byte[] File, string Passphrase, string Fingerprint, string FileName);

/// <summary>How making or revoking a kit ended; a refusal writes nothing.</summary>
public sealed record FieldKitResult(MadeFieldKit? Made, string? Message = null, IReadOnlyList<FieldKitFieldError>? Errors = null)
{
    public bool Succeeded => Message is null && Errors is null;

    public static FieldKitResult Refused(string message) => new(null, message);

    public static FieldKitResult Invalid(string field, string message) => new(null, null, [new FieldKitFieldError(field, message)]);
}

public sealed record StationChoice(int DeviceId, int SiteId, string SiteName, string DeviceName, bool IsMobile)
{
    public string Label => $"{SiteName} — {DeviceName}";
}

public sealed record FieldKitRow(
    Guid Id,
    string OfficerUserName,
    DateOnly ValidFrom,
    DateOnly ValidTo,
    int MemberCount,
    DateTime ExpiresAt,
    DateTime? RevokedAt,
    int Packages,
    FieldKitStatus State);

public enum FieldKitStatus
{
    Valid,
    Expired,
    Revoked,
}

/// <summary>
/// Makes a field kit for one visiting officer of the lead's commune (docs/home-visits.md): only the members with a
/// planned visit of that officer in the range travel, with what the laptop's desk needs; the file is encrypted under
/// a passphrase shown once and signed with the commune's station key. Also lists and revokes the commune's kits.
/// </summary>
public sealed class FieldKitMaker(
    IDbContextFactory<AppDbContext> factory,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    IValidator<FieldKitForm> validator,
    IOptions<FieldOptions> options,
    IOptions<MediaOptions> media,
    IDataProtectionProvider protection,
    FieldStationKeys stationKeys,
    AuditLog audit)
{
    public const string ReturnKeyPurpose = "PartyCardIntake.Field.ReturnKey";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool CanManage => user.IsInRole(AppRoles.StationLead) && user.CommuneId is not null;

    public async Task<FieldKitLimits?> LimitsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LimitsAsync(db, cancellationToken);
    }

    private async Task<FieldKitLimits> LimitsAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var communeId = user.CommuneId!.Value;
        var deadline = await db.Communes.AsNoTracking().Where(c => c.Id == communeId)
            .Select(c => c.Deadline ?? c.Province!.Deadline).FirstOrDefaultAsync(cancellationToken);
        return new FieldKitLimits(time.Today, deadline, options.Value.MaxKitDays);
    }

    public async Task<IReadOnlyList<OfficerChoice>> OfficersAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var officers = await HomeVisitQueries.OfficersOf(db, user.CommuneId!.Value)
            .Select(u => new OfficerChoice(u.Id, u.DisplayName == string.Empty ? u.UserName! : u.DisplayName))
            .ToListAsync(cancellationToken);
        return officers.OrderBy(o => o.Name, VietnameseNameOrder.Instance).ToList();
    }

    /// <summary>The commune's active devices; the mobile team's (a site without opening hours) first, as the default.</summary>
    public async Task<IReadOnlyList<StationChoice>> StationsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await StationsAsync(db, cancellationToken);
    }

    private Task<List<StationChoice>> StationsAsync(AppDbContext db, CancellationToken cancellationToken) =>
        StationsOf(db, user.CommuneId!.Value, cancellationToken);

    internal static async Task<List<StationChoice>> StationsOf(AppDbContext db, int communeId, CancellationToken cancellationToken)
    {
        var sites = await db.IntakeSites.AsNoTracking().Include(s => s.Devices).Where(s => s.CommuneId == communeId).ToListAsync(cancellationToken);
        return sites
            .SelectMany(s => s.Devices.Where(d => d.IsActive).Select(d => new StationChoice(d.Id, s.Id, s.Name, d.Name, s.Schedule.Weekly.Values.All(v => v.Count == 0))))
            .OrderByDescending(c => c.IsMobile).ThenBy(c => c.SiteId).ThenBy(c => c.DeviceId)
            .ToList();
    }

    /// <summary>How many members the kit would hold; null when the form cannot be counted yet.</summary>
    public async Task<int?> PreviewAsync(FieldKitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage || form.OfficerId is null || form.FromDate is not { } from || form.ToDate is not { } to || to < from)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await VisitsQuery(db, form.OfficerId, from, to).Select(v => v.MemberId).Distinct().CountAsync(cancellationToken);
    }

    /// <summary>The form's failures against the commune's calendar, field by field; empty when it may be made.</summary>
    public async Task<IReadOnlyList<FieldKitFieldError>> ValidateAsync(FieldKitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var copy = form.Copy();
        copy.Limits = await LimitsAsync(db, cancellationToken);
        var result = await validator.ValidateAsync(copy, cancellationToken);
        return result.Errors.Select(e => new FieldKitFieldError(e.PropertyName, e.ErrorMessage)).ToList();
    }

    public async Task<FieldKitResult> MakeAsync(FieldKitForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (!CanManage)
        {
            return FieldKitResult.Refused(Ui.FieldKits_Err_NotFound);
        }

        var communeId = user.CommuneId!.Value;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        form = form.Copy();
        form.Limits = await LimitsAsync(db, cancellationToken);
        var checkedForm = await validator.ValidateAsync(form, cancellationToken);
        if (!checkedForm.IsValid)
        {
            return new FieldKitResult(null, null, checkedForm.Errors.Select(e => new FieldKitFieldError(e.PropertyName, e.ErrorMessage)).ToList());
        }

        var officer = await HomeVisitQueries.OfficersOf(db, communeId).FirstOrDefaultAsync(u => u.Id == form.OfficerId, cancellationToken);
        if (officer is null)
        {
            return FieldKitResult.Invalid(nameof(FieldKitForm.OfficerId), Ui.FieldKits_Err_OfficerInvalid);
        }

        var station = (await StationsAsync(db, cancellationToken)).FirstOrDefault(s => s.DeviceId == form.DeviceId);
        if (station is null)
        {
            return FieldKitResult.Invalid(nameof(FieldKitForm.DeviceId), Ui.FieldKits_Err_StationMissing);
        }

        var from = form.FromDate!.Value;
        var to = form.ToDate!.Value;
        var visits = await VisitsQuery(db, officer.Id, from, to).AsNoTracking().Include(v => v.Member).ToListAsync(cancellationToken);
        if (visits.Count == 0)
        {
            return FieldKitResult.Refused(Ui.FieldKits_Err_NoMembers);
        }

        var members = visits.Select(v => v.Member!).DistinctBy(m => m.Id).ToList();
        var memberIds = members.Select(m => m.Id).ToList();
        var cellIds = members.Select(m => m.PartyCellId).Distinct().ToList();
        var cells = await db.PartyCells.AsNoTracking().Where(c => cellIds.Contains(c.Id)).Select(c => new FieldKitCell(c.Id, c.Name)).ToListAsync(cancellationToken);
        var checks = (await db.RegistryChecks.AsNoTracking().Where(c => memberIds.Contains(c.MemberId)).ToListAsync(cancellationToken))
            .GroupBy(c => c.MemberId)
            .Select(g => g.OrderByDescending(c => c.CheckedAt).ThenByDescending(c => c.Id).First())
            .Select(c => new FieldKitCheck(c.MemberId, c.CheckedAt, (int)c.Source, (int)c.Outcome, c.HasWarnings, c.FailureReason, c.CitizenJson, c.ComparisonJson))
            .ToList();
        var commune = await db.Communes.AsNoTracking().Include(c => c.Province).FirstAsync(c => c.Id == communeId, cancellationToken);
        var roles = await db.UserRoles.Where(ur => ur.UserId == officer.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync(cancellationToken);

        var now = clock.GetUtcNow();
        var kitId = Guid.CreateVersion7();
        var expiresAt = VietnamTime.StartOfDayUtc(to.AddDays(1)).AddSeconds(-1);
        using var packageKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var returnKey = RandomNumberGenerator.GetBytes(32);
        using var stationKey = await stationKeys.GetOrCreateAsync(communeId, cancellationToken);
        var stationPublic = stationKey.ExportSubjectPublicKeyInfo();

        var content = new FieldKitContent(
            1,
            kitId,
            now,
            new DateTimeOffset(expiresAt, TimeSpan.Zero),
            from,
            to,
            new FieldKitCommune(commune.Id, commune.Code, commune.Name, commune.ProvinceId, commune.Province!.Code, commune.Province.Name, commune.Deadline ?? commune.Province.Deadline),
            new FieldKitOfficer(officer.Id, officer.UserName!, officer.DisplayName == string.Empty ? officer.UserName! : officer.DisplayName, officer.PasswordHash ?? string.Empty, officer.SecurityStamp ?? string.Empty, roles),
            new FieldKitStation(station.SiteId, station.SiteName, station.DeviceId, station.DeviceName),
            new FieldKitKeys(packageKey.ExportPkcs8PrivateKey(), returnKey, stationPublic),
            JsonSerializer.SerializeToElement(media.Value, Json),
            cells,
            members.Select(m => new FieldKitMember(m.Id, m.PartyCellId, m.IdNumber.Value, m.FullName, (int)m.Sex, m.BirthYear, m.BirthDate, m.PartyCardNumber, m.JoinedOn, m.Phone, m.Address)).ToList(),
            checks,
            visits.Select(v => new FieldKitVisit(v.Id, v.MemberId, v.Start, v.End, v.Team, v.Address, v.Note)).ToList());

        var passphrase = FieldPassphrase.Generate();
        var kdf = options.Value.NewKdf();
        var key = FieldKeyDerivation.Derive(FieldPassphrase.Normalize(passphrase), kdf);
        var header = new FieldEnvelopeHeader(FieldEnvelope.CurrentFormat, kitId, commune.Code, now, stationPublic, kdf);
        var file = FieldEnvelope.Seal(FieldFileKind.Kit, header, JsonSerializer.SerializeToUtf8Bytes(content, Json), key, stationKey);
        CryptographicOperations.ZeroMemory(key);

        var kit = new FieldKit
        {
            Id = kitId,
            CommuneId = communeId,
            OfficerId = officer.Id,
            OfficerUserName = officer.UserName!,
            ValidFrom = from,
            ValidTo = to,
            ExpiresAt = expiresAt,
            CreatedAt = now.UtcDateTime,
            CreatedBy = user.UserName,
            MemberCount = members.Count,
            SiteId = station.SiteId,
            DeviceId = station.DeviceId,
            PackageVerifyKey = packageKey.ExportSubjectPublicKeyInfo(),
            ReturnKeyProtected = Convert.ToBase64String(protection.CreateProtector(ReturnKeyPurpose).Protect(returnKey)),
            KitSha256 = CapturePackage.Sha256Hex(file),
        };
        db.FieldKits.Add(kit);
        await db.SaveChangesAsync(cancellationToken);

        // The audit chain writes through its own connection, so the entry follows the saved kit.
        await audit.RecordAsync(AuditAction.FieldKit, target: $"kit {kitId}: {officer.UserName} {DateText(from)}–{DateText(to)}, {members.Count}", cancellationToken: cancellationToken);
        var fileName = string.Create(CultureInfo.InvariantCulture, $"bo-du-lieu-{commune.Code}-{Slug(officer.UserName!)}-{from:ddMMyyyy}.pcikit");
        return new FieldKitResult(new MadeFieldKit(kit, file, passphrase, FieldEnvelope.Fingerprint(stationPublic), fileName));
    }

    /// <summary>Withdraws a kit (a lost laptop): its packages are refused from now on.</summary>
    public async Task<FieldKitResult> RevokeAsync(Guid kitId, CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return FieldKitResult.Refused(Ui.FieldKits_Err_NotFound);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kit = await db.FieldKits.FirstOrDefaultAsync(k => k.Id == kitId, cancellationToken);
        if (kit is null)
        {
            return FieldKitResult.Refused(Ui.FieldKits_Err_NotFound);
        }

        if (kit.RevokedAt is not null)
        {
            return FieldKitResult.Refused(Ui.FieldKits_Err_AlreadyRevoked);
        }

        kit.RevokedAt = clock.GetUtcNow().UtcDateTime;
        kit.RevokedBy = user.UserName;
        await db.SaveChangesAsync(cancellationToken);
        await audit.RecordAsync(AuditAction.FieldKit, target: $"kit {kitId} revoked", cancellationToken: cancellationToken);
        return new FieldKitResult(null);
    }

    /// <summary>The commune's kits, newest first; nothing for a user who is not the commune's lead.</summary>
    public async Task<IReadOnlyList<FieldKitRow>> KitsAsync(CancellationToken cancellationToken = default)
    {
        if (!CanManage)
        {
            return [];
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var rows = await db.FieldKits.AsNoTracking()
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.Id, k.OfficerUserName, k.ValidFrom, k.ValidTo, k.MemberCount, k.ExpiresAt, k.RevokedAt, Packages = db.FieldPackageImports.Count(i => i.KitId == k.Id) })
            .ToListAsync(cancellationToken);
        return rows.Select(k => new FieldKitRow(
            k.Id, k.OfficerUserName, k.ValidFrom, k.ValidTo, k.MemberCount, k.ExpiresAt, k.RevokedAt, k.Packages,
            k.RevokedAt is not null ? FieldKitStatus.Revoked : k.ExpiresAt < now ? FieldKitStatus.Expired : FieldKitStatus.Valid)).ToList();
    }

    /// <summary>Planned visits of the officer starting in the range (wall-clock dates) of eligible members without an active record.</summary>
    private static IQueryable<HomeVisit> VisitsQuery(AppDbContext db, string officerId, DateOnly from, DateOnly to)
    {
        var start = from.ToDateTime(TimeOnly.MinValue);
        var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue);
        return db.HomeVisits.Where(v => v.OfficerId == officerId
            && v.Status == HomeVisitStatus.Planned
            && v.Start >= start && v.Start < end
            && v.Member!.Exemption == null
            && !db.Applications.Any(a => a.MemberId == v.MemberId && a.State != ApplicationState.Cancelled));
    }

    private static string DateText(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string Slug(string userName) =>
        new(userName.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '-').ToArray());
}
