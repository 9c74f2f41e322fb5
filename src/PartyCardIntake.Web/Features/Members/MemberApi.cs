using System.Text.Json.Serialization;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Members;

public sealed record MemberResponse(
    int Id,
    string IdNumber,
    string FullName,
    [property: JsonConverter(typeof(JsonStringEnumConverter<Sex>))] Sex Sex,
    int BirthYear,
    DateOnly? BirthDate,
    string PartyCell,
    string Commune,
    bool Eligible);

internal static class MemberApi
{
    public static void MapMemberApi(this RouteGroupBuilder api)
    {
        api.MapGet("/members/{id:int}", async Task<IResult> (int id, MemberQueries queries, CancellationToken cancellationToken) =>
            {
                var m = await queries.FindAsync(id, cancellationToken);
                return m is null
                    ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: Resources.Ui.NotFound_Title)
                    : TypedResults.Ok(new MemberResponse(m.Id, m.IdNumber.Value, m.FullName, m.Sex, m.BirthYear, m.BirthDate, m.CellName, m.CommuneName, m.Exemption is null));
            })
            .RequireAuthorization(Policies.CommuneStaff)
            .WithName("GetMember")
            .WithSummary("One party member of the caller's commune.")
            .Produces<MemberResponse>()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithMetadata(new AuditedAttribute(AuditAction.ViewMember, AuditRouteId.Member));
    }
}
