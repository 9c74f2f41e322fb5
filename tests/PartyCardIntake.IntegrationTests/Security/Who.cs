namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>The callers the access tests try: nobody signed in, and one demo account per role.</summary>
[Flags]
public enum Who
{
    Nobody = 0,
    Anonymous = 1,
    Officer = 2,
    Lead = 4,
    Committee = 8,
    Province = 16,
    Admin = 32,

    // The policies of the app (Security/Policies.cs), as sets of callers.
    CommuneStaff = Officer | Lead | Committee,
    Desk = Officer | Lead,
    MemberLists = Committee,
    Planning = Lead | Committee | Admin,
    CommunePlanning = Lead | Committee,
    StationLead = Lead,
    DailyReports = Lead | Committee | Province | Admin,
    ProvinceOversight = Province | Admin,
    SignedIn = Officer | Lead | Committee | Province | Admin,
    Everyone = Anonymous | SignedIn,
}
