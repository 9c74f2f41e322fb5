using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.UnitTests.Demo;

public class DemoPopulationGeneratorTests
{
    private static readonly DemoPopulation Population = DemoPopulationGenerator.Generate();

    [Fact]
    public void Communes_have_the_sizes_of_the_field_reports()
    {
        Population.Communes.Select(c => (c.Cells.Count, c.Cells.Sum(x => x.Members.Count)))
            .Should().Equal((54, 1789), (49, 1209), (47, 746));
        Population.Communes[0].Sites.Single().Devices.Should().ContainSingle();
        Population.Communes[0].Sites.Single().OpensAt.Should().Be(new TimeOnly(7, 0));
        Population.Communes[0].Sites.Single().ClosesAt.Should().Be(new TimeOnly(23, 0));
    }

    [Fact]
    public void Every_member_has_a_unique_id_number_consistent_with_sex_and_birth_year()
    {
        var members = Population.Communes.SelectMany(c => c.Cells).SelectMany(c => c.Members).ToList();
        members.Select(m => m.IdNumber.Value).Should().OnlyHaveUniqueItems();
        members.Should().OnlyContain(m => m.IdNumber.CheckConsistency(m.Sex, m.BirthYear) == null);
        members.Should().OnlyContain(m => m.BirthDate == null || m.BirthDate.Value.Year == m.BirthYear);
    }

    [Fact]
    public void Many_members_are_elderly_and_some_dates_are_year_only()
    {
        var members = Population.Communes.SelectMany(c => c.Cells).SelectMany(c => c.Members).ToList();
        members.Count(m => m.BirthYear < 1956).Should().BeGreaterThan(members.Count / 4);
        members.Should().Contain(m => m.BirthDate == null);
        members.Should().Contain(m => m.NeedsHomeVisit);
        members.Should().Contain(m => m.Exemption != null);
    }

    [Fact]
    public void The_same_seed_gives_the_same_people()
    {
        var again = DemoPopulationGenerator.Generate();
        var first = Population.Communes[2].Cells[5].Members.Select(m => (m.IdNumber.Value, m.FullName));
        var second = again.Communes[2].Cells[5].Members.Select(m => (m.IdNumber.Value, m.FullName));
        second.Should().Equal(first);
    }

    [Fact]
    public void Every_member_can_be_created_as_a_party_member()
    {
        var now = DateTime.UtcNow;
        foreach (var m in Population.Communes.SelectMany(c => c.Cells).SelectMany(c => c.Members))
        {
            var create = () => PartyMember.Create(1, 1, m.IdNumber, m.FullName, m.Sex, m.BirthYear, m.BirthDate, now);
            create.Should().NotThrow();
        }
    }
}
