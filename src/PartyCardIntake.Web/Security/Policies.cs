using Microsoft.AspNetCore.Authorization;
using PartyCardIntake.Core.Identity;

namespace PartyCardIntake.Web.Security;

/// <summary>Named authorization policies; page and endpoint attributes refer to these names.</summary>
public static class Policies
{
    /// <summary>Ward committee and commune police: member-level data of their own commune.</summary>
    public const string CommuneStaff = nameof(CommuneStaff);

    /// <summary>Officers at a desk and their commander.</summary>
    public const string Desk = nameof(Desk);

    /// <summary>The ward committee's work on its own commune's member lists (imports, pre-check, corrections).</summary>
    public const string MemberLists = nameof(MemberLists);

    /// <summary>Planning the schedule: the commune's police commander, its committee, the province administrator.</summary>
    public const string Planning = nameof(Planning);

    /// <summary>The commune's stored schedule: its police commander and its committee.</summary>
    public const string CommunePlanning = nameof(CommunePlanning);

    /// <summary>Intake sites, devices and hours: the commune police commander.</summary>
    public const string SiteManagers = nameof(SiteManagers);

    /// <summary>Home-visit appointments: the commune police commander makes, moves and closes them.</summary>
    public const string HomeVisitManagers = nameof(HomeVisitManagers);

    /// <summary>Reviewing records, auto-approval and the day's transmission package: the commune police commander.</summary>
    public const string Review = nameof(Review);

    /// <summary>
    /// A member's subject-access export (everything held about them): the commune police commander and the
    /// committee of the member's commune; not officers, not province users.
    /// </summary>
    public const string SubjectAccess = nameof(SubjectAccess);

    /// <summary>Province-wide aggregates.</summary>
    public const string ProvinceOversight = nameof(ProvinceOversight);

    /// <summary>
    /// A commune's daily report (aggregates only): its police commander and committee for their own commune, the
    /// province's viewers and administrators for any commune of their province. Which commune is settled where
    /// the report is read, by the data scope.
    /// </summary>
    public const string DailyReports = nameof(DailyReports);

    public const string Admin = nameof(Admin);

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        // Everything needs a signed-in user unless it says otherwise.
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        options.AddPolicy(CommuneStaff, p => p.RequireRole(AppRoles.WardCommittee, AppRoles.StationLead, AppRoles.IntakeOfficer).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(Desk, p => p.RequireRole(AppRoles.StationLead, AppRoles.IntakeOfficer).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(MemberLists, p => p.RequireRole(AppRoles.WardCommittee).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(Planning, p => p.RequireRole(AppRoles.StationLead, AppRoles.WardCommittee, AppRoles.Admin));
        options.AddPolicy(CommunePlanning, p => p.RequireRole(AppRoles.StationLead, AppRoles.WardCommittee).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(SiteManagers, p => p.RequireRole(AppRoles.StationLead).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(HomeVisitManagers, p => p.RequireRole(AppRoles.StationLead).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(SubjectAccess, p => p.RequireRole(AppRoles.StationLead, AppRoles.WardCommittee).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(Review, p => p.RequireRole(AppRoles.StationLead).RequireClaim(ScopeClaims.Commune));
        options.AddPolicy(DailyReports, p => p.RequireRole(AppRoles.StationLead, AppRoles.WardCommittee, AppRoles.ProvinceViewer, AppRoles.Admin)
            .RequireAssertion(c => c.User.HasClaim(x => x.Type is ScopeClaims.Commune or ScopeClaims.Province)));
        options.AddPolicy(ProvinceOversight, p => p.RequireRole(AppRoles.ProvinceViewer, AppRoles.Admin).RequireClaim(ScopeClaims.Province));
        options.AddPolicy(Admin, p => p.RequireRole(AppRoles.Admin).RequireClaim(ScopeClaims.Province));
    }
}
