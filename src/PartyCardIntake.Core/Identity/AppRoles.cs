namespace PartyCardIntake.Core.Identity;

public static class AppRoles
{
    public const string Admin = nameof(Admin);
    public const string ProvinceViewer = nameof(ProvinceViewer);
    public const string WardCommittee = nameof(WardCommittee);
    public const string StationLead = nameof(StationLead);
    public const string IntakeOfficer = nameof(IntakeOfficer);

    public static readonly IReadOnlyList<string> All = [Admin, ProvinceViewer, WardCommittee, StationLead, IntakeOfficer];

    /// <summary>Roles whose users belong to a commune; the others belong to a province.</summary>
    public static readonly IReadOnlyList<string> CommuneRoles = [WardCommittee, StationLead, IntakeOfficer];

    public static bool IsCommuneRole(string role) => CommuneRoles.Contains(role);
}
