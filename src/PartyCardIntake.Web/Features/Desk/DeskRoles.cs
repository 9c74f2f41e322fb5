using PartyCardIntake.Core.Identity;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>
/// Who may work at a desk, as the Desk policy says. The desk's services ask again themselves, so that a component or
/// endpoint that forgot its policy still cannot look members up or write through them.
/// </summary>
internal static class DeskRoles
{
    public static bool MayWork(CurrentUser user) =>
        user.IsAuthenticated && user.CommuneId is not null && (user.IsInRole(AppRoles.IntakeOfficer) || user.IsInRole(AppRoles.StationLead));
}
