using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// On the laptop, an application the station's receipt covered carries the kit's id in <see cref="Application.FieldKitId"/>
/// (the station sets the same column on what it imported); one without it has not been returned yet.
/// </summary>
internal static class FieldReturns
{
    public static Task<int> OutstandingAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.Applications.CountAsync(a => a.FieldKitId == null && a.State != ApplicationState.Cancelled, cancellationToken);
}
