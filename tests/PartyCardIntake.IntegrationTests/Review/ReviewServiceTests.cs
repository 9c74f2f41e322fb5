using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Security;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Review;

namespace PartyCardIntake.IntegrationTests.Review;

/// <summary>
/// The review pages' rules at the service level, as a lead's circuit calls them: approval of a record with differences
/// only once confirmed, the re-check recorded as the worker records it, and every method blind to another commune.
/// </summary>
public abstract class ReviewServiceTests(AppFixture app)
{
    [Theory]
    [InlineData(VerificationStatus.Mismatched, false)]
    [InlineData(VerificationStatus.NotFound, false)]
    [InlineData(VerificationStatus.Matched, true)]
    public async Task A_record_with_differences_is_approved_only_once_the_lead_confirms(VerificationStatus verification, bool warnings)
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), verification, warnings);
        var before = await ReviewData.ReadAsync(app, id);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var decisions = circuit.Get<ReviewDecisions>();
        ReviewDecisions.NeedsConfirmation(verification, warnings).Should().BeTrue();

        var unconfirmed = await decisions.ApproveAsync(id, before.Version);

        unconfirmed.Outcome.Should().Be(ReviewOutcome.ConfirmationRequired);
        var unchanged = await ReviewData.ReadAsync(app, id);
        (unchanged.State, unchanged.Version, unchanged.ApprovedBy).Should().Be((ApplicationState.Submitted, before.Version, (string?)null));

        // The confirmation names what differs.
        var detail = (await circuit.Get<ReviewQueries>().DetailAsync(id))!;
        var differences = ReviewVerdict.Differences(detail);
        if (verification == VerificationStatus.Mismatched)
        {
            differences.Should().Contain("Họ và tên").And.Contain(detail.FullName + "x");
        }
        else
        {
            differences.Should().NotBeNullOrWhiteSpace();
        }

        (await decisions.ApproveAsync(id, before.Version, differencesConfirmed: true)).Outcome.Should().Be(ReviewOutcome.Done);
        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Approved);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task A_clean_match_is_approved_without_confirmation()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        (await circuit.Get<ReviewDecisions>().ApproveAsync(id, (await ReviewData.ReadAsync(app, id)).Version)).Outcome.Should().Be(ReviewOutcome.Done);

        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Approved);
    }

    [Fact]
    public async Task A_recheck_that_now_matches_changes_the_verdict_and_is_recorded_as_the_worker_records_it()
    {
        // Recorded as a mismatch, but the registry agrees with the party record.
        var memberId = await ReviewData.FreeMemberAsync(app, Discrepancy.None);
        var id = await ReviewData.SubmitAsync(app, memberId, VerificationStatus.Mismatched);
        var version = (await ReviewData.ReadAsync(app, id)).Version;
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var result = await circuit.Get<ReviewDecisions>().RecheckAsync(id);

        result.Outcome.Should().Be(ReviewOutcome.Done);
        (result.Before, result.After, result.Changed).Should().Be((VerificationStatus.Mismatched, VerificationStatus.Matched, true));
        var record = await ReviewData.ReadAsync(app, id);
        (record.Verification, record.HasWarnings, record.State).Should().Be((VerificationStatus.Matched, false, ApplicationState.Submitted));
        record.Version.Should().NotBe(version, "a decision taken on the old verdict is refused");
        await using (var db = app.SystemContext())
        {
            var check = await db.RegistryChecks.Where(c => c.MemberId == memberId).OrderByDescending(c => c.Id).FirstAsync();
            (check.Source, check.ApplicationId, check.Outcome, check.CheckedBy)
                .Should().Be((CheckSource.Recheck, (Guid?)id, CheckOutcome.Matched, await ReviewData.UserIdAsync(app, DemoAccounts.Lead)));
        }

        // The page shows one verdict: the record's, with the check behind it.
        var detail = (await circuit.Get<ReviewQueries>().DetailAsync(id))!;
        (detail.Verification, detail.Check!.Check.Outcome).Should().Be((VerificationStatus.Matched, CheckOutcome.Matched));
        (await circuit.Get<ReviewDecisions>().ApproveAsync(id, version, differencesConfirmed: true)).Outcome.Should().Be(ReviewOutcome.Changed);
        (await circuit.Get<ReviewDecisions>().ApproveAsync(id, detail.Version)).Outcome.Should().Be(ReviewOutcome.Done);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task A_recheck_that_still_differs_keeps_the_mismatch_and_stores_the_comparison()
    {
        var memberId = await ReviewData.FreeMemberAsync(app, Discrepancy.NameDiacritic);
        var id = await ReviewData.SubmitAsync(app, memberId, VerificationStatus.Mismatched);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);

        var result = await circuit.Get<ReviewDecisions>().RecheckAsync(id);

        (result.Outcome, result.After, result.Changed).Should().Be((ReviewOutcome.Done, VerificationStatus.Mismatched, false));
        var detail = (await circuit.Get<ReviewQueries>().DetailAsync(id))!;
        detail.Check!.Check.Source.Should().Be(CheckSource.Recheck);
        detail.Check.Comparison!.Fields.Should().Contain(f => f.Field == Core.Registry.RegistryField.FullName && f.Severity == Core.Registry.FieldSeverity.Mismatch);
        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Submitted);
    }

    [Fact]
    public async Task A_recheck_that_finds_a_clean_match_is_approved_by_the_system_when_the_commune_allows_it()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, Discrepancy.None), VerificationStatus.Mismatched);
        await SetAutoApprovalAsync(true);
        try
        {
            await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
            (await circuit.Get<ReviewDecisions>().RecheckAsync(id)).Outcome.Should().Be(ReviewOutcome.Done);
        }
        finally
        {
            await SetAutoApprovalAsync(false);
        }

        var record = await ReviewData.ReadAsync(app, id);
        (record.State, record.ApprovedBy).Should().Be((ApplicationState.Approved, AutoApproval.UserName));
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Only_the_lead_rechecks_and_decides_and_an_approved_record_is_not_rechecked()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        var version = (await ReviewData.ReadAsync(app, id)).Version;
        foreach (var account in new[] { DemoAccounts.Officer, DemoAccounts.Committee })
        {
            await using var other = await CircuitScope.ForAsync(app, account);
            var decisions = other.Get<ReviewDecisions>();
            (await decisions.RecheckAsync(id)).Outcome.Should().Be(ReviewOutcome.Denied, account);
            (await decisions.ApproveAsync(id, version, differencesConfirmed: true)).Outcome.Should().Be(ReviewOutcome.Denied, account);
            (await decisions.ReturnAsync(id, version, "Sai họ tên")).Outcome.Should().Be(ReviewOutcome.Denied, account);
            (await decisions.ApproveMatchesAsync(null)).Outcome.Should().Be(ReviewOutcome.Denied, account);
            (await other.Get<ReviewQueries>().DetailAsync(id)).Should().BeNull(account);
            (await other.Get<ReviewQueries>().ListAsync(ReviewTab.Flagged)).Rows.Should().BeEmpty(account);
        }

        (await ReviewData.ReadAsync(app, id)).Version.Should().Be(version);
        var approved = await ReviewData.ApprovedOnAsync(app, DateOnly.FromDateTime(DateTime.UtcNow));
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        (await circuit.Get<ReviewDecisions>().RecheckAsync(approved)).Outcome.Should().Be(ReviewOutcome.WrongState);
    }

    [Fact]
    public async Task The_list_pages_on_the_server_and_a_page_past_the_end_gives_the_last()
    {
        await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var queries = circuit.Get<ReviewQueries>();

        var first = await queries.ListAsync(ReviewTab.Flagged, page: 1, pageSize: 1);
        var far = await queries.ListAsync(ReviewTab.Flagged, page: 100_000, pageSize: 1);

        (first.Rows.Count, first.Page, first.Pages).Should().Be((1, 1, first.Total));
        first.Total.Should().BeGreaterThanOrEqualTo(2);
        (far.Page, far.Rows.Count).Should().Be((far.Pages, 1));
        far.Rows[0].Id.Should().NotBe(first.Rows[0].Id);
    }

    [Fact]
    public async Task Another_communes_records_are_not_found_by_any_method_of_the_review_pages()
    {
        var mine = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        var made = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, Discrepancy.None, communeId: app.CommuneTwo), VerificationStatus.Mismatched);
        var clean = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, communeId: app.CommuneTwo), VerificationStatus.Matched);
        var foreign = (await ForeignData.LoadAsync(app, app.CommuneTwo)).Applications.Append(made).Append(clean).Distinct().ToList();
        var before = await ForeignData.FingerprintAsync(app, app.CommuneTwo);
        bool foreignAuto;
        await using (var db = app.SystemContext())
        {
            foreignAuto = (await db.Communes.SingleAsync(c => c.Id == app.CommuneTwo)).AutoApproveMatches;
        }

        foreach (var account in new[] { DemoAccounts.Lead, DemoAccounts.Officer, DemoAccounts.Committee })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            var queries = circuit.Get<ReviewQueries>();
            var decisions = circuit.Get<ReviewDecisions>();
            var refused = account == DemoAccounts.Lead ? ReviewOutcome.NotFound : ReviewOutcome.Denied;
            foreach (var tab in Enum.GetValues<ReviewTab>())
            {
                var list = await queries.ListAsync(tab, pageSize: ReviewQueries.MaxPageSize);
                for (var page = 1; page <= list.Pages; page++)
                {
                    (await queries.ListAsync(tab, page, ReviewQueries.MaxPageSize)).Rows.Select(r => r.Id).Should().NotIntersectWith(foreign, $"{account}: {tab} page {page}");
                }
            }

            foreach (var id in foreign)
            {
                var version = (await ReviewData.ReadAsync(app, id)).Version;
                (await queries.DetailAsync(id)).Should().BeNull($"{account}: DetailAsync({id})");
                (await queries.ImageAsync(id, signature: false)).Should().BeNull($"{account}: photo {id}");
                (await queries.ImageAsync(id, signature: true)).Should().BeNull($"{account}: signature {id}");
                (await decisions.ApproveAsync(id, version, differencesConfirmed: true)).Outcome.Should().Be(refused, $"{account}: ApproveAsync({id})");
                (await decisions.ReturnAsync(id, version, "Sai họ tên")).Outcome.Should().Be(refused, $"{account}: ReturnAsync({id})");
                (await decisions.RecheckAsync(id)).Outcome.Should().Be(refused, $"{account}: RecheckAsync({id})");
            }

            (await decisions.ApproveMatchesAsync(foreign)).Outcome.Should().Be(account == DemoAccounts.Lead ? ReviewOutcome.NoMatches : ReviewOutcome.Denied, account);
            (await circuit.Get<AutoApprovalSetting>().SetAsync(false)).Outcome.Should().Be(account == DemoAccounts.Lead ? ReviewOutcome.Done : ReviewOutcome.Denied, account);
        }

        await using (var lead = await CircuitScope.ForAsync(app, DemoAccounts.Lead))
        {
            (await lead.Get<ReviewQueries>().DetailAsync(mine)).Should().NotBeNull("the lead's own commune's record is found");
        }

        (await ForeignData.FingerprintAsync(app, app.CommuneTwo)).Should().Be(before);
        await using (var db = app.SystemContext())
        {
            (await db.Communes.SingleAsync(c => c.Id == app.CommuneTwo)).AutoApproveMatches.Should().Be(foreignAuto);
            (await db.Applications.SingleAsync(a => a.Id == made)).Verification.Should().Be(VerificationStatus.Mismatched);
        }
    }

    private async Task SetAutoApprovalAsync(bool enabled)
    {
        await using var db = app.SystemContext();
        (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).AutoApproveMatches = enabled;
        await db.SaveChangesAsync();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ReviewServiceTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ReviewServiceTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ReviewServiceTests(app);
}
