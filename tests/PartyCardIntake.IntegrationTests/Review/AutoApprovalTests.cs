using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Features.Desk;
using PartyCardIntake.Web.Features.Review;

namespace PartyCardIntake.IntegrationTests.Review;

/// <summary>
/// A commune's auto-approval of clean matches: switched on by the lead, applied at the desk and by the re-check worker.
/// Each test switches it off again, since the application is shared with other tests.
/// </summary>
public abstract class AutoApprovalTests(AppFixture app)
{
    [Fact]
    public async Task Switching_on_approves_the_waiting_clean_matches_and_a_clean_desk_submission_at_once()
    {
        var waiting = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched);
        var warned = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched, warnings: true);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        try
        {
            var result = await circuit.Get<AutoApprovalSetting>().SetAsync(true);

            result.Outcome.Should().Be(ReviewOutcome.Done);
            result.Count.Should().BeGreaterThanOrEqualTo(1, "the waiting clean match is approved at once");
            (await circuit.Get<ReviewQueries>().ListAsync(ReviewTab.Flagged)).AutoApprove.Should().BeTrue();
            var approved = await ReviewData.ReadAsync(app, waiting);
            (approved.State, approved.ApprovedBy).Should().Be((ApplicationState.Approved, AutoApproval.UserName));
            (await ReviewData.ReadAsync(app, warned)).State.Should().Be(ApplicationState.Submitted);

            var clean = await DeskSubmitAsync(Discrepancy.None);
            var mismatched = await DeskSubmitAsync(Discrepancy.NameDiacritic);

            var record = await ReviewData.ReadAsync(app, clean);
            (record.Verification, record.State, record.ApprovedBy).Should().Be((VerificationStatus.Matched, ApplicationState.Approved, AutoApproval.UserName));
            var flagged = await ReviewData.ReadAsync(app, mismatched);
            (flagged.Verification, flagged.State).Should().Be((VerificationStatus.Mismatched, ApplicationState.Submitted));
            (await lead.GetStringAsync($"/review/{clean}")).Should().Contain("hệ thống");
        }
        finally
        {
            (await circuit.Get<AutoApprovalSetting>().SetAsync(false)).Outcome.Should().Be(ReviewOutcome.Done);
        }

        await using var db = app.SystemContext();
        (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).AutoApproveMatches.Should().BeFalse();
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Without_auto_approval_a_clean_desk_submission_waits_for_the_lead()
    {
        var clean = await DeskSubmitAsync(Discrepancy.None);

        var record = await ReviewData.ReadAsync(app, clean);
        (record.Verification, record.State).Should().Be((VerificationStatus.Matched, ApplicationState.Submitted));
    }

    [Fact]
    public async Task A_pending_record_resolved_as_a_clean_match_by_the_recheck_is_approved_by_the_system()
    {
        var clean = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, Discrepancy.None), VerificationStatus.Pending);
        var warned = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, Discrepancy.YearOnly), VerificationStatus.Pending);
        await SetAutoApprovalAsync(true);
        try
        {
            // Other tests' pending records share the worker's batches; a few rounds reach these two.
            for (var round = 0; round < 30 && ((await ReviewData.ReadAsync(app, clean)).Verification == VerificationStatus.Pending
                || (await ReviewData.ReadAsync(app, warned)).Verification == VerificationStatus.Pending); round++)
            {
                await app.Factory.RunVerificationRoundAsync();
            }
        }
        finally
        {
            await SetAutoApprovalAsync(false);
        }

        var approved = await ReviewData.ReadAsync(app, clean);
        (approved.Verification, approved.State, approved.ApprovedBy).Should().Be((VerificationStatus.Matched, ApplicationState.Approved, AutoApproval.UserName));
        var waiting = await ReviewData.ReadAsync(app, warned);
        (waiting.Verification, waiting.HasWarnings, waiting.State).Should().Be((VerificationStatus.Matched, true, ApplicationState.Submitted));
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Only_the_lead_can_switch_auto_approval()
    {
        foreach (var account in new[] { DemoAccounts.Officer, DemoAccounts.Committee })
        {
            await using var circuit = await CircuitScope.ForAsync(app, account);
            (await circuit.Get<AutoApprovalSetting>().SetAsync(true)).Outcome.Should().Be(ReviewOutcome.Denied, account);
        }

        await using var db = app.SystemContext();
        (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).AutoApproveMatches.Should().BeFalse();
    }

    /// <summary>What an officer's desk does: the registry check on opening the member, then the capture.</summary>
    private async Task<Guid> DeskSubmitAsync(Discrepancy discrepancy)
    {
        var memberId = await ReviewData.FreeMemberAsync(app, discrepancy);
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        await DeskClient.ChooseStationAsync(officer);
        await using (var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Officer))
        {
            (await circuit.Get<DeskCheck>().CheckAsync(memberId)).Should().NotBeNull();
        }

        using var response = await DeskClient.SubmitAsync(officer, memberId, Guid.NewGuid(), ReviewData.Photo, ReviewData.Signature, ReviewData.Strokes);
        response.StatusCode.Should().Be(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        await using var db = app.SystemContext();
        return await db.Applications.Where(a => a.MemberId == memberId).Select(a => a.Id).SingleAsync();
    }

    private async Task SetAutoApprovalAsync(bool enabled)
    {
        await using var db = app.SystemContext();
        (await db.Communes.SingleAsync(c => c.Id == app.CommuneOne)).AutoApproveMatches = enabled;
        await db.SaveChangesAsync();
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : AutoApprovalTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : AutoApprovalTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : AutoApprovalTests(app);
}
