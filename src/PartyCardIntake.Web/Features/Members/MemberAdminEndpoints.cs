using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// Form posts of the member page (committee only). Each answers with a redirect back to the member,
/// carrying the outcome, so that a reload never repeats the action.
/// </summary>
internal static class MemberAdminEndpoints
{
    public static void MapMemberAdminEndpoints(this IEndpointRouteBuilder app)
    {
        // Some posts carry no fields; the token is still required of every one.
        var members = app.MapGroup("/members/{id:int}").RequireAuthorization(Policies.MemberLists).ExcludeFromDescription()
            .WithMetadata(new RequireAntiforgeryTokenAttribute());

        members.MapPost("/exempt", async (int id, [FromForm] ExemptionReason? reason, [FromForm] string? note, [FromForm] DateOnly? on, MemberAdmin admin, TimeProvider clock) =>
            Back(id, "exempted", reason is { } r
                ? await admin.ExemptAsync(id, r, note, on ?? DateOnly.FromDateTime(clock.GetLocalNow().DateTime))
                : "exemption.reason-required"));

        members.MapPost("/lift", async (int id, MemberAdmin admin) => Back(id, "lifted", await admin.LiftExemptionAsync(id)));

        members.MapPost("/homevisit", async (int id, [FromForm] bool needed, MemberAdmin admin) =>
            Back(id, needed ? "homevisit-on" : "homevisit-off", await admin.SetHomeVisitAsync(id, needed)));

        members.MapPost("/correct", async (int id, [FromForm] string? fullName, [FromForm] string? dateOfBirth, [FromForm] Sex? sex, [FromForm] string? address, [FromForm] string? note, MemberAdmin admin) =>
            Back(id, "corrected", await admin.CorrectAsync(id, new CorrectionInput(fullName, dateOfBirth, sex, address, note))));

        members.MapPost("/request-update", async (int id, [FromForm] string? note, MemberAdmin admin) =>
            Back(id, "update-requested", await admin.RequestRegistryUpdateAsync(id, note)));

        members.MapPost("/accept", async (int id, [FromForm] string? reason, MemberAdmin admin) =>
            Back(id, "accepted", await admin.AcceptAsync(id, reason)));

        members.MapPost("/recheck", async (int id, MemberAdmin admin) => Back(id, "rechecked", await admin.RecheckAsync(id)));
    }

    private static IResult Back(int id, string done, string? error) =>
        error == "member.not-found"
            ? Results.NotFound()
            : Results.LocalRedirect(error is null ? $"/members/{id}?done={done}#status" : $"/members/{id}?error={Uri.EscapeDataString(error)}#status");
}
