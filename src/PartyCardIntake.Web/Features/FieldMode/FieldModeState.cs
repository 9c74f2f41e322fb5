using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>What the banner and the setup gate need of the imported kit.</summary>
public sealed record FieldKitSummary(Guid KitId, int CommuneId, string CommuneName, string OfficerUserName, string OfficerName, DateOnly ValidFrom, DateOnly ValidTo, DateTime ExpiresAt, int SiteId, int DeviceId);

/// <summary>
/// The laptop's kit, read once and kept: every request asks whether a kit is imported, and only the kit import
/// changes the answer (it calls <see cref="Reset"/>).
/// </summary>
public sealed class FieldModeState(ISystemDbContextFactory factory) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile FieldKitSummary? _kit;
    private volatile bool _loaded;

    public async Task<FieldKitSummary?> KitAsync(CancellationToken cancellationToken = default)
    {
        if (_loaded)
        {
            return _kit;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_loaded)
            {
                _kit = await LoadAsync(cancellationToken);
                _loaded = true;
            }

            return _kit;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Reset() => _loaded = false;

    public void Dispose() => _gate.Dispose();

    private async Task<FieldKitSummary?> LoadAsync(CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();
        var state = await db.FieldKitStates.AsNoTracking().OrderByDescending(s => s.ImportedAt).FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            return null;
        }

        var commune = await db.Communes.AsNoTracking().Where(c => c.Id == state.CommuneId).Select(c => c.Name).FirstOrDefaultAsync(cancellationToken);
        var officer = await db.Users.AsNoTracking().Where(u => u.Id == state.OfficerUserId)
            .Select(u => new { u.UserName, u.DisplayName }).FirstOrDefaultAsync(cancellationToken);
        var device = await db.Devices.AsNoTracking().Where(d => d.CommuneId == state.CommuneId)
            .Select(d => new { d.Id, d.IntakeSiteId }).FirstOrDefaultAsync(cancellationToken);
        return new FieldKitSummary(
            state.KitId, state.CommuneId, commune ?? string.Empty, officer?.UserName ?? string.Empty, officer?.DisplayName ?? string.Empty,
            state.ValidFrom, state.ValidTo, state.ExpiresAt, device?.IntakeSiteId ?? 0, device?.Id ?? 0);
    }
}
