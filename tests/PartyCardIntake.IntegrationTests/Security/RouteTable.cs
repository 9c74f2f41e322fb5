namespace PartyCardIntake.IntegrationTests.Security;

/// <summary>
/// One mapped route and method, who may use it, and the request that tries it. <see cref="Sample"/> names ids by
/// placeholder ({member}, {cell}, {site}, {slot}, {visit}, {application}, {transmission}, {import}, {user}: real rows of
/// the caller's own commune; {none}: an id that does not exist). <see cref="Form"/> is sent after the antiforgery token
/// and may replace it; to an API it is the JSON body (default "{}"), so that a malformed one can show the handler's own 400.
/// </summary>
public sealed record RouteRule(string Method, string Pattern, Who Allowed, string? Sample = null, string? Form = null)
{
    /// <summary>"*" stands for an endpoint that answers any method; it is tried with GET.</summary>
    public const string AnyMethod = "*";

    public string Key => $"{Method} {Pattern}";
}

/// <summary>
/// Who may reach every route the app maps. The matrix test fails when the app maps a route missing here or this
/// table lists one the app no longer maps, so a new page or endpoint must be given its line.
/// </summary>
public static class RouteTable
{
    // Writes that change existing rows use {none}: the handler answers "not found" for it, which shows that
    // authorization let the request through without touching the shared demo data. Forms that would act
    // when empty carry a value the handler refuses.
    public static readonly IReadOnlyList<RouteRule> Rules =
    [
        // Open to everyone
        new("*", "/health/live", Who.Everyone),
        new("*", "/health/ready", Who.Everyone),
        new("GET", "/openapi/{documentName}.json", Who.Everyone, "/openapi/v1.json"),
        new("GET", "/account/signin", Who.Everyone),
        new("POST", "/account/signin", Who.Everyone),
        new("POST", "/account/signout", Who.Everyone),
        new("GET", "/account/signin/code", Who.Everyone),
        new("POST", "/account/signin/code", Who.Everyone),
        new("GET", "/not-found", Who.Everyone),
        new("POST", "/not-found", Who.Everyone),
        new("GET", "/status/{Code:int}", Who.Everyone, "/status/404"),
        new("POST", "/status/{Code:int}", Who.Everyone, "/status/404"),
        new("GET", "/error", Who.Everyone),
        new("POST", "/error", Who.Everyone),
        new("POST", "/api/v1/auth/token", Who.Everyone, Form: "["),
        new("GET", "/mock-registry/v1/citizens/{idNumber}", Who.Everyone, "/mock-registry/v1/citizens/000000000000"),
        new("GET", "/_framework/opaque-redirect", Who.SignedIn),

        // Files of wwwroot not in the build's asset manifest (the browser libraries copied from npm at build time).
        new("GET", "/{**path:file}", Who.Everyone, "/lib/signature_pad/signature_pad.umd.min.js"),
        new("HEAD", "/{**path:file}", Who.Everyone, "/lib/signature_pad/signature_pad.umd.min.js"),

        // The circuits' hub: only a signed-in browser opens a circuit (the fallback policy); a page's own
        // access rules apply again inside the circuit (AuthorizeRouteView).
        new("*", "/_blazor", Who.SignedIn),
        new("*", "/_blazor/negotiate", Who.SignedIn),
        new("*", "/_blazor/disconnect/", Who.SignedIn),
        new("*", "/_blazor/initializers/", Who.SignedIn),

        // Any signed-in user
        new("GET", "/", Who.SignedIn),
        new("POST", "/", Who.SignedIn),
        new("GET", "/account/denied", Who.SignedIn),
        new("POST", "/account/denied", Who.SignedIn),
        new("GET", "/account/password", Who.SignedIn),
        new("POST", "/account/password", Who.SignedIn),
        new("GET", "/api/v1/me", Who.SignedIn),

        // Members
        new("GET", "/members", Who.CommuneStaff),
        new("POST", "/members", Who.CommuneStaff),
        new("GET", "/members/{Id:int}", Who.CommuneStaff, "/members/{member}"),
        new("POST", "/members/{Id:int}", Who.CommuneStaff, "/members/{member}"),
        new("GET", "/members/worklist", Who.CommuneStaff),
        new("POST", "/members/worklist", Who.CommuneStaff),
        new("GET", "/api/v1/members/{id:int}", Who.CommuneStaff, "/api/v1/members/{member}"),
        new("GET", "/members/{id:int}/export.zip", Who.Lead | Who.Committee, "/members/{member}/export.zip"),

        // Member lists: import (the pre-check runs from the pages' circuits: no routes of its own)
        new("GET", "/members/import", Who.MemberLists),
        new("POST", "/members/import", Who.MemberLists),
        new("GET", "/members/import/{Id:int}", Who.MemberLists, "/members/import/{import}"),
        new("POST", "/members/import/{Id:int}", Who.MemberLists, "/members/import/{import}"),
        new("GET", "/members/import/template.csv", Who.MemberLists),
        new("GET", "/members/import/template.xlsx", Who.MemberLists),

        // Party cells
        new("GET", "/cells", Who.CommuneStaff),
        new("POST", "/cells", Who.CommuneStaff),
        new("GET", "/cells/{Id:int}", Who.MemberLists, "/cells/{cell}"),
        new("POST", "/cells/{Id:int}", Who.MemberLists, "/cells/{none}"),

        // Desk
        new("GET", "/desk", Who.Desk),
        new("POST", "/desk", Who.Desk),
        new("GET", "/desk/members/{MemberId:int}", Who.Desk, "/desk/members/{member}"),
        new("POST", "/desk/members/{MemberId:int}", Who.Desk, "/desk/members/{member}"),
        new("GET", "/desk/station", Who.Desk),
        new("POST", "/desk/station", Who.Desk),
        new("POST", "/desk/members/{id:int}/submit", Who.Desk, "/desk/members/{none}/submit"),

        // Sites and campaign dates
        new("GET", "/sites", Who.CommuneStaff),
        new("POST", "/sites", Who.CommuneStaff),
        new("GET", "/sites/new", Who.StationLead),
        new("POST", "/sites/new", Who.StationLead),
        new("GET", "/sites/{Id:int}", Who.StationLead, "/sites/{site}"),
        new("POST", "/sites/{Id:int}", Who.StationLead, "/sites/{site}"),
        new("GET", "/campaign", Who.Admin),
        new("POST", "/campaign", Who.Admin),

        // Two-factor sign-in: offered to administrators and province viewers (the same callers as province oversight)
        new("GET", "/account/two-factor", Who.ProvinceOversight),
        new("POST", "/account/two-factor", Who.ProvinceOversight),

        // Audit trail
        new("GET", "/admin/audit", Who.Admin),
        new("POST", "/admin/audit", Who.Admin),

        // Users of the province
        new("GET", "/admin/users", Who.Admin),
        new("POST", "/admin/users", Who.Admin),
        new("GET", "/admin/users/new", Who.Admin),
        new("POST", "/admin/users/new", Who.Admin),
        new("GET", "/admin/users/{Id:guid}", Who.Admin, "/admin/users/{user}"),
        new("POST", "/admin/users/{Id:guid}", Who.Admin, "/admin/users/{noneguid}"),

        // Planning
        new("GET", "/planning", Who.CommuneStaff),
        new("POST", "/planning", Who.CommuneStaff),
        new("GET", "/planning/missed", Who.CommunePlanning),
        new("POST", "/planning/missed", Who.CommunePlanning),
        new("GET", "/planning/slots/{Id:int}", Who.CommuneStaff, "/planning/slots/{slot}"),
        new("POST", "/planning/slots/{Id:int}", Who.CommuneStaff, "/planning/slots/{slot}"),
        new("GET", "/planning/cells/{id:int}.ics", Who.CommuneStaff, "/planning/cells/{cell}.ics"),
        new("GET", "/planning/cells/{id:int}/notice.pdf", Who.CommuneStaff, "/planning/cells/{none}/notice.pdf"),
        new("GET", "/planning/schedule.pdf", Who.CommunePlanning, "/planning/schedule.pdf?days=x"),
        new("POST", "/api/v1/plans/preview", Who.Planning),

        // Home visits
        new("GET", "/home-visits", Who.CommunePlanning),
        new("POST", "/home-visits", Who.CommunePlanning),
        new("GET", "/home-visits/mine", Who.Desk),
        new("POST", "/home-visits/mine", Who.Desk),
        new("GET", "/home-visits/kits", Who.StationLead),
        new("POST", "/home-visits/kits", Who.StationLead),
        new("GET", "/home-visits/packages", Who.StationLead),
        new("POST", "/home-visits/packages", Who.StationLead),
        new("POST", "/api/v1/field/packages", Who.Desk),
        new("GET", "/field", Who.Desk),
        new("POST", "/field", Who.Desk),
        new("GET", "/field/setup", Who.Everyone),
        new("POST", "/field/setup", Who.Everyone),

        // Review and transmission
        new("GET", "/review", Who.StationLead),
        new("POST", "/review", Who.StationLead),
        new("GET", "/review/{Id:guid}", Who.StationLead, "/review/{application}"),
        new("POST", "/review/{Id:guid}", Who.StationLead, "/review/{application}"),
        new("GET", "/review/{id:guid}/photo", Who.StationLead, "/review/{application}/photo"),
        new("GET", "/review/{id:guid}/signature", Who.StationLead, "/review/{application}/signature"),
        new("GET", "/transmission", Who.StationLead),
        new("POST", "/transmission", Who.StationLead),
        new("GET", "/transmission/{id:guid}.zip", Who.StationLead, "/transmission/{transmission}.zip"),

        // Reports
        new("GET", "/reports/daily", Who.DailyReports, "/reports/daily?commune={commune}"),
        new("POST", "/reports/daily", Who.DailyReports),
        new("GET", "/reports/daily.pdf", Who.DailyReports, "/reports/daily.pdf?date=x"),
        new("GET", "/reports/daily.xlsx", Who.DailyReports, "/reports/daily.xlsx?commune={commune}"),
        new("GET", "/reports/daily.csv", Who.DailyReports, "/reports/daily.csv?commune={commune}"),
        new("GET", "/api/v1/reports/daily", Who.DailyReports, "/api/v1/reports/daily?commune={commune}"),
        new("GET", "/province", Who.ProvinceOversight),
        new("POST", "/province", Who.ProvinceOversight),
        new("GET", "/province.pdf", Who.ProvinceOversight, "/province.pdf?date=x"),
        new("GET", "/province.xlsx", Who.ProvinceOversight),
        new("GET", "/api/v1/reports/province", Who.ProvinceOversight),

        // The built-in registry's fault switches (demo and tests only)
        new("GET", "/mock-registry/admin/faults/", Who.Admin),
        new("PUT", "/mock-registry/admin/faults/", Who.Admin),
        new("DELETE", "/mock-registry/admin/faults/", Who.Admin),
    ];
}
