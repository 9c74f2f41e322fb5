using System.Text;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.UnitTests.Domain;

public class PartyMemberTests
{
    private static readonly DateTime Now = new(2025, 8, 12, 2, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_member_whose_id_number_disagrees_with_sex_is_refused()
    {
        var create = () => PartyMember.Create(1, 1, PersonalIdNumber.Parse("025055000123"), "Nguyễn Thị Lan", Sex.Female, 1955, null, Now);
        create.Should().Throw<DomainException>().Which.Code.Should().Be("id.sex-mismatch");
    }

    [Fact]
    public void A_member_whose_id_number_disagrees_with_birth_year_is_refused()
    {
        var create = () => PartyMember.Create(1, 1, PersonalIdNumber.Parse("025055000123"), "Nguyễn Văn An", Sex.Male, 1954, new DateOnly(1954, 3, 1), Now);
        create.Should().Throw<DomainException>().Which.Code.Should().Be("id.year-mismatch");
    }

    [Fact]
    public void Names_are_stored_in_nfc_with_search_and_sort_keys()
    {
        var member = PartyMember.Create(1, 1, PersonalIdNumber.Parse("025055000123"), " Nguyễn  Văn Đức ".Normalize(NormalizationForm.FormD), Sex.Male, 1955, null, Now);
        member.FullName.Should().Be("Nguyễn Văn Đức");
        member.SearchName.Should().Be("nguyen van duc");
        member.SortKey.Should().Be("duc nguyen van");
    }

    [Fact]
    public void An_exempted_member_is_not_eligible_until_the_exemption_is_lifted()
    {
        var member = PartyMember.Create(1, 1, PersonalIdNumber.Parse("025055000123"), "Nguyễn Văn An", Sex.Male, 1955, null, Now);
        member.Exempt(ExemptionReason.SeriouslyIll, "Nằm viện dài ngày", new DateOnly(2025, 8, 10));
        member.IsEligible.Should().BeFalse();
        member.LiftExemption();
        member.IsEligible.Should().BeTrue();
        member.ExemptionNote.Should().BeNull();
    }
}
