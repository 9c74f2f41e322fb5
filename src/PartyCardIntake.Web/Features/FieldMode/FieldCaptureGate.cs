using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>What the desk asks before a save: on a station nothing, on a laptop whether it may save at all.</summary>
public sealed class FieldCaptureGate(IOptions<FieldOptions> options, FieldSecrets secrets, FieldModeState state, TimeProvider clock)
{
    /// <summary>On a laptop no registry answers: a save never relies on an earlier check and is always pending.</summary>
    public bool AlwaysPending => options.Value.Enabled;

    /// <summary>Null when the save may go ahead; otherwise the sentence that says why not.</summary>
    public async ValueTask<string?> RefusalAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        var kit = await state.KitAsync(cancellationToken);
        if (kit is null)
        {
            return Ui.FieldMode_NoKit;
        }

        if (clock.GetUtcNow().UtcDateTime > kit.ExpiresAt)
        {
            return string.Format(Ui.Culture, Ui.FieldMode_KitExpiredNoSave, Labels.DateTime(VietnamTime.ToLocal(kit.ExpiresAt)));
        }

        return secrets.IsUnlocked ? null : Ui.FieldMode_Locked;
    }

    /// <summary>On a laptop, the kit's site and device: the desk works there without choosing.</summary>
    public async ValueTask<(int SiteId, int DeviceId)?> KitStationAsync(CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return null;
        }

        return await state.KitAsync(cancellationToken) is { DeviceId: > 0 } kit ? (kit.SiteId, kit.DeviceId) : null;
    }
}
