using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// The one rule for finding members, shared by the member list and the desk: a query of digits is an
/// ID number and must be a valid one; anything else is a name, matched without diacritics or case.
/// </summary>
public static class MemberSearch
{
    public static IQueryable<PartyMember> Apply(IQueryable<PartyMember> members, string? query, out IdNumberError? error)
    {
        error = null;
        var text = VietnameseText.Normalize(query);
        if (text.Length == 0)
        {
            return members;
        }

        if (text.All(char.IsDigit))
        {
            if (!PersonalIdNumber.TryParse(text, out var id, out error))
            {
                return members.Where(_ => false);
            }

            return members.Where(m => m.IdNumber == id);
        }

        var folded = VietnameseText.Fold(text);
        return members.Where(m => m.SearchName.Contains(folded));
    }
}
