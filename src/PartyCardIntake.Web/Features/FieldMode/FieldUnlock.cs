using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Field;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>The sign-in's hook: on a laptop, the officer's password also unwraps the keys of the captures.</summary>
public sealed class FieldUnlock(IOptions<FieldOptions> options, ISystemDbContextFactory factory, FieldSecrets secrets)
{
    /// <summary>Does nothing on a station. On a laptop, true when the keys are held after the call.</summary>
    public async Task<bool> UnlockAsync(string userId, string password, CancellationToken cancellationToken = default)
    {
        if (!options.Value.Enabled)
        {
            return false;
        }

        await using var db = factory.CreateDbContext();
        var state = await db.FieldKitStates.AsNoTracking().Where(s => s.OfficerUserId == userId).FirstOrDefaultAsync(cancellationToken);
        if (state is null)
        {
            return false;
        }

        if (FieldSecrets.Unwrap(state.WrappedSecrets, password, FieldSecrets.ReadKdf(state.WrapKdfJson)) is not { } keys)
        {
            return false;
        }

        secrets.Hold(keys);
        return true;
    }
}
