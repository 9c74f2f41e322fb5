using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Security;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.Web.Features.Members;
using PartyCardIntake.Web.Features.Worklist;

namespace PartyCardIntake.IntegrationTests.Worklist;

/// <summary>
/// The worklist page as its circuit uses it: WorklistQueries for the paged list (open or closed items), and
/// WorklistService for the committee's decisions, each form checked by the validator beside its model, each
/// refusal a Vietnamese sentence, another commune's member never found.
/// </summary>
public abstract class WorklistTests(AppFixture app)
{
    [Fact]
    public async Task The_list_pages_open_and_closed_items_of_the_commune_and_every_commune_role_reads_it()
    {
        var open = await OpenItemAsync(app.CommuneOne);
        var closed = await OpenItemAsync(app.CommuneOne, WorklistStatus.Resolved);
        foreach (var account in new[] { DemoAccounts.Committee, DemoAccounts.Lead, DemoAccounts.Officer })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<WorklistQueries>();
            var all = await AllAsync(queries, closed: false);
            all.Should().Contain(r => r.MemberId == open, account).And.NotContain(r => r.MemberId == closed, account);
            all.Should().OnlyContain(r => r.Status == WorklistStatus.Open || r.Status == WorklistStatus.AwaitingRegistryUpdate, account);
            (await AllAsync(queries, closed: true)).Should().Contain(r => r.MemberId == closed, account).And.NotContain(r => r.MemberId == open, account);
            (await queries.OpenItemAsync(open)).Should().NotBeNull(account);
        }

        // Pages of the chosen size, the last one clamped to what there is.
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var q = committee.Get<WorklistQueries>();
        var first = await q.PageAsync(new WorklistQuery(Closed: false, Page: 1, PageSize: 25));
        first.Rows.Count.Should().Be(Math.Min(25, first.Total));
        var beyond = await q.PageAsync(new WorklistQuery(Closed: false, Page: 100_000, PageSize: 25));
        beyond.Page.Should().Be(Math.Max(1, (first.Total + 24) / 25));
        (await q.PageAsync(new WorklistQuery(PageSize: 7))).Rows.Count.Should().Be(Math.Min(25, first.Total), "a page size the grid does not offer falls back to the default");

        // One cell's items only.
        int cellId;
        await using (var db = app.SystemContext())
        {
            cellId = await db.PartyMembers.Where(m => m.Id == open).Select(m => m.PartyCellId).SingleAsync();
        }

        var cellName = (await q.CellsAsync()).Single(c => c.Id == cellId).Name;
        var ofCell = await q.PageAsync(new WorklistQuery(CellId: cellId, PageSize: 100));
        ofCell.Rows.Should().Contain(r => r.MemberId == open).And.OnlyContain(r => r.CellName == cellName);
    }

    [Fact]
    public async Task Accepting_a_difference_closes_the_item_with_its_reason_and_a_missing_or_overlong_reason_is_refused_in_vietnamese()
    {
        var memberId = await OpenItemAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var service = committee.Get<WorklistService>();
        service.MayDecide.Should().BeTrue();

        var empty = await service.AcceptAsync(memberId, new AcceptDifferenceForm { Reason = "   " });
        (empty.Outcome, empty.Message).Should().Be((WorklistOutcome.Invalid, "Lý do không được để trống."));
        var overlong = await service.AcceptAsync(memberId, new AcceptDifferenceForm { Reason = new string('a', 2300) });
        (overlong.Outcome, overlong.Message).Should().Be((WorklistOutcome.Invalid, "Tối đa 1000 ký tự."));
        (await StatusAsync(memberId)).Should().Be((WorklistStatus.Open, (string?)null), "a refused decision changes nothing");

        (await service.AcceptAsync(memberId, new AcceptDifferenceForm { Reason = "Tên trên thẻ Đảng đúng theo quyết định" })).Should().Be(WorklistResult.Done);

        (await StatusAsync(memberId)).Should().Be((WorklistStatus.Accepted, "Tên trên thẻ Đảng đúng theo quyết định"));
        var closed = await AllAsync(committee.Get<WorklistQueries>(), closed: true);
        closed.Should().ContainSingle(r => r.MemberId == memberId).Which.Note.Should().Be("Tên trên thẻ Đảng đúng theo quyết định");
    }

    [Fact]
    public async Task Noting_a_registry_update_keeps_the_item_open_and_waiting()
    {
        var memberId = await OpenItemAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var service = committee.Get<WorklistService>();

        (await service.RequestRegistryUpdateAsync(memberId, new RegistryUpdateForm())).Outcome.Should().Be(WorklistOutcome.Invalid);
        (await service.RequestRegistryUpdateAsync(memberId, new RegistryUpdateForm { Note = "Điều chỉnh ngày sinh tại Công an xã" })).Should().Be(WorklistResult.Done);

        (await StatusAsync(memberId)).Should().Be((WorklistStatus.AwaitingRegistryUpdate, "Điều chỉnh ngày sinh tại Công an xã"));
        (await AllAsync(committee.Get<WorklistQueries>(), closed: false)).Should().Contain(r => r.MemberId == memberId && r.Status == WorklistStatus.AwaitingRegistryUpdate);
    }

    [Fact]
    public async Task An_exemption_needs_a_note_for_other_reason_a_start_date_that_has_come_and_a_note_of_at_most_500_characters()
    {
        var memberId = await OpenItemAsync(app.CommuneOne);
        await using var committee = await CircuitScope.ForAsync(app, DemoAccounts.Committee);
        var service = committee.Get<WorklistService>();

        var other = await service.ExemptAsync(memberId, new ExemptionForm { Reason = ExemptionReason.Other, On = new DateTime(2025, 8, 1) });
        (other.Outcome, other.Message).Should().Be((WorklistOutcome.Invalid, "Với «Lý do khác», ghi rõ lý do vào ô ghi chú."));
        var future = await service.ExemptAsync(memberId, new ExemptionForm { Reason = ExemptionReason.Abroad, On = new DateTime(2099, 1, 1) });
        (future.Outcome, future.Message).Should().Be((WorklistOutcome.Invalid, "Ngày bắt đầu miễn không được sau hôm nay."));
        var overlong = await service.ExemptAsync(memberId, new ExemptionForm { Reason = ExemptionReason.Other, On = new DateTime(2025, 8, 1), Note = new string('a', 2300) });
        (overlong.Outcome, overlong.Message).Should().Be((WorklistOutcome.Invalid, "Tối đa 500 ký tự."));
        (await ExemptionAsync(memberId)).Should().BeNull("nothing refused is saved");

        (await service.ExemptAsync(memberId, new ExemptionForm { Reason = ExemptionReason.Other, On = new DateTime(2025, 8, 1), Note = "Chuyển sinh hoạt Đảng" })).Should().Be(WorklistResult.Done);

        (await ExemptionAsync(memberId)).Should().Be(ExemptionReason.Other);
        (await AllAsync(committee.Get<WorklistQueries>(), closed: false)).Should().ContainSingle(r => r.MemberId == memberId).Which.Exemption.Should().Be(ExemptionReason.Other);
    }

    [Fact]
    public async Task Only_the_committee_decides_and_the_others_are_refused_with_nothing_changed()
    {
        var memberId = await OpenItemAsync(app.CommuneOne);
        foreach (var account in new[] { DemoAccounts.Lead, DemoAccounts.Officer })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var service = circuit.Get<WorklistService>();
            service.MayDecide.Should().BeFalse(account);
            var outcomes = new[]
            {
                await service.AcceptAsync(memberId, new AcceptDifferenceForm { Reason = "x" }),
                await service.AcceptAsync(memberId, new AcceptDifferenceForm()),
                await service.RequestRegistryUpdateAsync(memberId, new RegistryUpdateForm { Note = "x" }),
                await service.ExemptAsync(memberId, new ExemptionForm { Reason = ExemptionReason.Abroad, On = new DateTime(2025, 8, 1) }),
                await service.RecheckAsync(memberId),
            }.Select(r => r.Outcome);
            outcomes.Should().AllBeEquivalentTo(WorklistOutcome.Denied, account);
        }

        (await StatusAsync(memberId)).Should().Be((WorklistStatus.Open, (string?)null));
        (await ExemptionAsync(memberId)).Should().BeNull();
    }

    [Fact]
    public async Task Another_communes_items_are_neither_listed_nor_found_by_any_method_of_the_worklist_page()
    {
        var foreignItem = await OpenItemAsync(app.CommuneTwo);
        var data = await ForeignData.LoadAsync(app, app.CommuneTwo);
        var foreign = data.Members.Take(5).Append(foreignItem).ToList();
        int foreignCell;
        await using (var db = app.SystemContext())
        {
            foreignCell = await db.PartyMembers.Where(m => m.Id == foreignItem).Select(m => m.PartyCellId).SingleAsync();
        }

        var before = await ForeignData.FingerprintAsync(app, app.CommuneTwo);
        foreach (var account in new[] { DemoAccounts.Committee, DemoAccounts.Lead, DemoAccounts.Officer })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<WorklistQueries>();
            var service = circuit.Get<WorklistService>();
            (await AllAsync(queries, closed: false)).Select(r => r.MemberId).Should().NotIntersectWith(foreign, account);
            (await AllAsync(queries, closed: true)).Select(r => r.MemberId).Should().NotIntersectWith(foreign, account);
            (await queries.CellsAsync()).Select(c => c.Id).Should().NotContain(foreignCell, account).And.NotIntersectWith(data.Cells, account);
            (await queries.PageAsync(new WorklistQuery(CellId: foreignCell))).Should().Match<WorklistItems>(p => p.Total == 0 && p.Rows.Count == 0, $"{account}: the other commune's cell");
            var expected = account == DemoAccounts.Committee ? WorklistOutcome.NotFound : WorklistOutcome.Denied;
            foreach (var id in foreign)
            {
                (await queries.OpenItemAsync(id)).Should().BeNull($"{account}: OpenItemAsync({id})");
                var outcomes = new[]
                {
                    await service.AcceptAsync(id, new AcceptDifferenceForm { Reason = "x" }),
                    await service.RequestRegistryUpdateAsync(id, new RegistryUpdateForm { Note = "x" }),
                    await service.ExemptAsync(id, new ExemptionForm { Reason = ExemptionReason.Abroad, On = new DateTime(2025, 8, 1) }),
                    await service.RecheckAsync(id),
                }.Select(r => r.Outcome);
                outcomes.Should().AllBeEquivalentTo(expected, $"{account}: WorklistService on member {id}");
            }
        }

        (await ForeignData.FingerprintAsync(app, app.CommuneTwo)).Should().Be(before, "no change may reach another commune's rows");
    }

    [Fact]
    public async Task A_province_viewer_reads_no_worklist()
    {
        await OpenItemAsync(app.CommuneOne);
        await using var viewer = await CircuitScope.ForAsync(app, DemoAccounts.Province);
        var queries = viewer.Get<WorklistQueries>();
        (await queries.PageAsync(new WorklistQuery())).Should().Match<WorklistItems>(p => p.Total == 0 && p.Rows.Count == 0);
        (await queries.PageAsync(new WorklistQuery(Closed: true))).Total.Should().Be(0);
        (await queries.CellsAsync()).Should().BeEmpty();
        viewer.Get<WorklistService>().MayDecide.Should().BeFalse();
    }

    private static async Task<List<WorklistRow>> AllAsync(WorklistQueries queries, bool closed)
    {
        var rows = new List<WorklistRow>();
        for (var page = 1; ; page++)
        {
            var slice = await queries.PageAsync(new WorklistQuery(closed, page, 100));
            rows.AddRange(slice.Rows);
            if (slice.Page < page || rows.Count >= slice.Total)
            {
                return rows;
            }
        }
    }

    /// <summary>A member of <paramref name="communeId"/> with a worklist item of the given status (a mismatch found now).</summary>
    private async Task<int> OpenItemAsync(int communeId, WorklistStatus status = WorklistStatus.Open)
    {
        var memberId = await FreeMemberAsync(communeId);
        await using var db = app.SystemContext();
        var now = DateTime.UtcNow;
        db.WorklistItems.Add(new WorklistItem
        {
            CommuneId = communeId,
            MemberId = memberId,
            Status = status,
            LastOutcome = CheckOutcome.Mismatched,
            LastCheckedAt = now,
            OpenedAt = now,
            UpdatedAt = now,
        });
        await db.SaveChangesAsync();
        return memberId;
    }

    private async Task<(WorklistStatus Status, string? Note)> StatusAsync(int memberId)
    {
        await using var db = app.SystemContext();
        var item = await db.WorklistItems.AsNoTracking().SingleAsync(w => w.MemberId == memberId);
        return (item.Status, item.Note);
    }

    private async Task<ExemptionReason?> ExemptionAsync(int memberId)
    {
        await using var db = app.SystemContext();
        return await db.PartyMembers.Where(m => m.Id == memberId).Select(m => m.Exemption).SingleAsync();
    }

    private async Task<int> FreeMemberAsync(int communeId)
    {
        await using var db = app.SystemContext();
        var candidates = await db.PartyMembers
            .Where(m => m.CommuneId == communeId && m.Exemption == null && !db.Applications.Any(a => a.MemberId == m.Id) && !db.WorklistItems.Any(w => w.MemberId == m.Id))
            .OrderBy(m => m.Id)
            .Select(m => m.Id)
            .Take(app.TakenMembers.Count + 50)
            .ToListAsync();
        return app.TakeMember(candidates);
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : WorklistTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : WorklistTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : WorklistTests(app);
}
