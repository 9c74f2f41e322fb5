using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Members;

namespace PartyCardIntake.IntegrationTests.Members;

/// <summary>
/// A commune of its own with 3,000 members on SQLite (beside the demo), so that counts and orders are known: the
/// member list's server-side paging, sorting, search and filters, as the grid asks for them, give the same
/// members in the same order as the rule computed here over all of them.
/// </summary>
public sealed class MemberListQueryTests(MemberListQueryTests.PagingCommune data) : IClassFixture<MemberListQueryTests.PagingCommune>
{
    [Fact]
    public async Task Walking_every_page_in_vietnamese_name_order_gives_every_member_once_in_order()
    {
        await using var circuit = data.Circuit();
        var queries = circuit.Get<MemberQueries>();
        var seen = new List<int>();
        var first = await queries.ListAsync(new MemberListQuery(PageSize: 100));
        first.Total.Should().Be(PagingCommune.Size);
        first.PageCount.Should().Be(30);
        for (var page = 1; page <= first.PageCount; page++)
        {
            var rows = await queries.ListAsync(new MemberListQuery(Page: page, PageSize: 100));
            (rows.Page, rows.Rows.Count).Should().Be((page, 100));
            seen.AddRange(rows.Rows.Select(r => r.Id));
        }

        seen.Should().Equal(data.Members.OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).Select(m => m.Id));
    }

    [Fact]
    public async Task Each_sort_column_and_direction_orders_the_page_in_sql()
    {
        await using var circuit = data.Circuit();
        var queries = circuit.Get<MemberQueries>();

        var byIdDescending = await queries.ListAsync(new MemberListQuery(Page: 3, PageSize: 25, Sort: MemberSort.IdNumber, Descending: true));
        byIdDescending.Rows.Select(r => r.Id).Should().Equal(
            data.Members.OrderByDescending(m => m.IdNumber, StringComparer.Ordinal).ThenByDescending(m => m.Id).Skip(50).Take(25).Select(m => m.Id));

        var byBirth = await queries.ListAsync(new MemberListQuery(Page: 7, PageSize: 50, Sort: MemberSort.Birth));
        byBirth.Rows.Select(r => r.Id).Should().Equal(
            data.Members.OrderBy(m => m.BirthYear).ThenBy(m => m.BirthDate).ThenBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).Skip(300).Take(50).Select(m => m.Id));

        var byCell = await queries.ListAsync(new MemberListQuery(Page: 2, PageSize: 100, Sort: MemberSort.Cell, Descending: true));
        byCell.Rows.Select(r => r.Id).Should().Equal(
            data.Members.OrderByDescending(m => m.Cell, StringComparer.Ordinal).ThenBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).Skip(100).Take(100).Select(m => m.Id));
        byCell.Rows.Select(r => r.CellName).Should().BeInDescendingOrder(StringComparer.Ordinal);

        var byNameDescending = await queries.ListAsync(new MemberListQuery(PageSize: 25, Sort: MemberSort.Name, Descending: true));
        byNameDescending.Rows.Select(r => r.Id).Should().Equal(
            data.Members.OrderByDescending(m => m.SortKey, StringComparer.Ordinal).ThenByDescending(m => m.Id).Take(25).Select(m => m.Id));
    }

    [Fact]
    public async Task Search_cell_and_status_filters_count_and_page_over_the_filtered_members_only()
    {
        await using var circuit = data.Circuit();
        var queries = circuit.Get<MemberQueries>();

        var nguyenVan = data.Members.Where(m => VietnameseText.Fold(m.FullName).Contains("nguyen van", StringComparison.Ordinal)).ToList();
        nguyenVan.Count.Should().BeGreaterThan(50, "two pages of them");
        foreach (var text in new[] { "nguyen van", "NGUYỄN  VĂN", "Nguyễn Văn".Normalize(System.Text.NormalizationForm.FormD) })
        {
            var found = await queries.ListAsync(new MemberListQuery(Text: text, Page: 2, PageSize: 50));
            found.Total.Should().Be(nguyenVan.Count, text);
            found.Rows.Select(r => r.Id).Should().Equal(
                nguyenVan.OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).Skip(50).Take(50).Select(m => m.Id), text);
        }

        var cell = data.Cells[4];
        var inCell = data.Members.Where(m => m.CellId == cell).ToList();
        var cellPage = await queries.ListAsync(new MemberListQuery(CellId: cell, PageSize: 25, Page: 2));
        cellPage.Total.Should().Be(inCell.Count);
        cellPage.Rows.Select(r => r.Id).Should().Equal(inCell.OrderBy(m => m.SortKey, StringComparer.Ordinal).ThenBy(m => m.Id).Skip(25).Take(25).Select(m => m.Id));

        (await queries.ListAsync(new MemberListQuery(Filter: MemberFilter.Excused))).Total.Should().Be(data.Members.Count(m => m.Excused));
        (await queries.ListAsync(new MemberListQuery(Filter: MemberFilter.Eligible))).Total.Should().Be(data.Members.Count(m => !m.Excused));
        (await queries.ListAsync(new MemberListQuery(Filter: MemberFilter.HomeVisit))).Total.Should().Be(data.Members.Count(m => m.HomeVisit && !m.Excused));
        var excusedInCell = await queries.ListAsync(new MemberListQuery(CellId: cell, Filter: MemberFilter.Excused, PageSize: 100));
        excusedInCell.Rows.Select(r => r.Id).Should().BeEquivalentTo(inCell.Where(m => m.Excused).Select(m => m.Id));
        excusedInCell.Rows.Should().OnlyContain(r => r.Exemption != null);

        var byId = data.Members[1234];
        (await queries.ListAsync(new MemberListQuery(Text: byId.IdNumber))).Rows.Should().ContainSingle().Which.Id.Should().Be(byId.Id);
        var badId = await queries.ListAsync(new MemberListQuery(Text: "０２５０５５０００１２３"));
        (badId.IdError, badId.Total).Should().Be((IdNumberError.UnicodeDigits, 0));
    }

    [Fact]
    public async Task A_page_past_the_end_gives_the_last_page_and_a_size_not_offered_gives_fifty()
    {
        await using var circuit = data.Circuit();
        var queries = circuit.Get<MemberQueries>();
        var past = await queries.ListAsync(new MemberListQuery(Page: 999, PageSize: 100));
        (past.Page, past.Rows.Count).Should().Be((30, 100));
        var huge = await queries.ListAsync(new MemberListQuery(PageSize: 100_000));
        (huge.PageSize, huge.Rows.Count).Should().Be((50, 50));
        MemberListState.Parse("  nguyen ", "abc", "Nope", "-3", "1000").Should().Be(MemberListState.Default with { Text = "nguyen" });
        MemberListState.Parse(null, "5", "excused", "4", "25").Should().Be(new MemberListState(null, 5, MemberFilter.Excused, 4, 25));
        MemberListState.Parse(null, null, "3", null, null).Filter.Should().Be(MemberFilter.All, "a number is not a status name");
    }

    /// <summary>The fixture's members as the test computes their order.</summary>
    public sealed record Seeded(int Id, string FullName, string SortKey, string IdNumber, int BirthYear, DateOnly? BirthDate, int CellId, string Cell, bool Excused, bool HomeVisit);

    /// <summary>An application of its own (the shared one's communes stay as other tests expect) with one more commune of 3,000 members.</summary>
    public sealed class PagingCommune : IAsyncLifetime
    {
        public const int Size = 3000;

        private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Đặng", "Võ", "Đỗ"];
        private static readonly string[] Middles = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hữu"];
        private static readonly string[] Givens = ["An", "Ánh", "Ân", "Bình", "Cường", "Dũng", "Đạt", "Hà", "Hạnh", "Long", "Ngọc", "Yến"];

        public SqliteApp App { get; } = new();

        public int CommuneId { get; private set; }

        public int ProvinceId { get; private set; }

        public IReadOnlyList<int> Cells { get; private set; } = [];

        public IReadOnlyList<Seeded> Members { get; private set; } = [];

        public CircuitScope Circuit() => CircuitScope.ForCommittee(App, CommuneId, ProvinceId);

        public async Task InitializeAsync()
        {
            await App.InitializeAsync();
            await using var db = App.SystemContext();
            ProvinceId = await db.Communes.Where(c => c.Id == App.CommuneOne).Select(c => c.ProvinceId).SingleAsync();
            var commune = new Commune { ProvinceId = ProvinceId, Code = "99901", Name = "Xã Kiểm Thử Phân Trang" };
            db.Communes.Add(commune);
            await db.SaveChangesAsync();
            CommuneId = commune.Id;

            var cells = Enumerable.Range(1, 30).Select(i => new PartyCell { CommuneId = CommuneId, Name = $"Chi bộ Thôn {i:00}" }).ToList();
            db.PartyCells.AddRange(cells);
            await db.SaveChangesAsync();
            Cells = cells.Select(c => c.Id).ToList();

            var random = new Random(20251);
            var now = DateTime.UtcNow;
            var members = new List<PartyMember>(Size);
            for (var i = 0; i < Size; i++)
            {
                var sex = random.Next(2) == 0 ? Sex.Male : Sex.Female;
                var year = 1935 + random.Next(60);
                DateOnly? date = random.Next(5) == 0 ? null : new DateOnly(year, 1 + random.Next(12), 1 + random.Next(28));
                var middle = sex == Sex.Female ? (i % 3 == 0 ? "Thị" : Middles[random.Next(Middles.Length)]) : Middles[random.Next(Middles.Length)];
                var name = $"{Families[random.Next(Families.Length)]} {middle} {Givens[random.Next(Givens.Length)]}";
                var id = PersonalIdNumber.Create("001", sex, year, 700_000 + i);
                var member = PartyMember.Create(CommuneId, cells[random.Next(cells.Count)].Id, id, name, sex, year, date, now);
                if (i % 23 == 0)
                {
                    member.Exempt(ExemptionReason.Abroad, null, new DateOnly(2025, 8, 1));
                }

                member.NeedsHomeVisit = i % 17 == 0;
                members.Add(member);
            }

            db.PartyMembers.AddRange(members);
            await db.SaveChangesAsync();
            var names = cells.ToDictionary(c => c.Id, c => c.Name);
            Members = members.Select(m => new Seeded(m.Id, m.FullName, m.SortKey, m.IdNumber.Value, m.BirthYear, m.BirthDate, m.PartyCellId, names[m.PartyCellId], m.Exemption != null, m.NeedsHomeVisit)).ToList();
        }

        public async Task DisposeAsync() => await App.DisposeAsync();
    }
}
