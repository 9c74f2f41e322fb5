using System.Net;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Demo;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.IntegrationTests.Members;
using PartyCardIntake.IntegrationTests.Web;
using PartyCardIntake.MockRegistry;
using PartyCardIntake.Tests.Shared;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Features.Review;

namespace PartyCardIntake.IntegrationTests.Review;

/// <summary>
/// The lead's review: approve, return with a reason, bulk approval, and records changed by someone else meanwhile. The
/// pages decide in their circuits through <see cref="ReviewDecisions"/>, called here as a lead's circuit would.
/// </summary>
public abstract class ReviewTests(AppFixture app)
{
    [Fact]
    public async Task A_flagged_record_is_listed_with_its_differences_and_approved_by_the_lead()
    {
        var memberId = await ReviewData.FreeMemberAsync(app);
        var id = await ReviewData.SubmitAsync(app, memberId, VerificationStatus.Mismatched);
        string idNumber;
        await using (var db = app.SystemContext())
        {
            idNumber = (await db.PartyMembers.SingleAsync(m => m.Id == memberId)).IdNumber.Value;
        }

        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var list = await lead.GetStringAsync("/review?count=200");
        var row = Row(list, id);
        row.Should().Contain("data-field=\"FullName\" data-severity=\"Mismatch\"").And.Contain(idNumber[^4..]).And.NotContain(idNumber);
        row.Should().Contain($"/review/{id}/photo");

        var detail = await lead.GetStringAsync($"/review/{id}");
        detail.Should().Contain(idNumber).And.Contain("data-testid=\"registry-table\"");

        // The registry's name has one letter more: only that letter is marked, on the registry's side.
        detail.Should().MatchRegex("data-testid=\"diff-char\"[^>]*>x</mark>");
        System.Text.RegularExpressions.Regex.Count(detail, "data-testid=\"diff-char\"").Should().Be(1);

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        (await circuit.Get<ReviewDecisions>().ApproveAsync(id, await VersionGuidAsync(id), differencesConfirmed: true)).Outcome.Should().Be(ReviewOutcome.Done);

        var approved = await ReviewData.ReadAsync(app, id);
        approved.State.Should().Be(ApplicationState.Approved);
        approved.ApprovedBy.Should().Be(await ReviewData.UserIdAsync(app, DemoAccounts.Lead));
        (await lead.GetStringAsync("/review?count=200")).Should().NotContain(id.ToString());
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Returning_needs_a_reason_and_a_returned_record_is_listed_with_it()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched, warnings: true);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var decisions = circuit.Get<ReviewDecisions>();
        (await decisions.ReturnAsync(id, await VersionGuidAsync(id), "   ")).Outcome.Should().Be(ReviewOutcome.ReasonRequired);
        (await decisions.ReturnAsync(id, await VersionGuidAsync(id), new string('x', ReviewDecisions.MaxReasonLength + 1))).Outcome.Should().Be(ReviewOutcome.ReasonTooLong);
        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Submitted);
        var validator = new ReturnFormValidator();
        validator.Validate(new ReturnForm { Reason = "  " }).Errors.Should().ContainSingle(e => e.PropertyName == nameof(ReturnForm.Reason) && e.ErrorMessage == "Nhập lý do trả lại hồ sơ.");

        const string reason = "Năm sinh trên hồ sơ đảng chỉ có năm, đề nghị bổ sung ngày sinh";
        (await decisions.ReturnAsync(id, await VersionGuidAsync(id), reason)).Outcome.Should().Be(ReviewOutcome.Done);

        var returned = await ReviewData.ReadAsync(app, id);
        (returned.State, returned.ReturnReason).Should().Be((ApplicationState.Returned, reason));
        Row(await lead.GetStringAsync("/review?tab=Returned&count=200"), id).Should().Contain(reason);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task A_record_still_pending_verification_cannot_be_approved()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Pending);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        (await lead.GetStringAsync($"/review/{id}")).Should().Contain("data-testid=\"review-pending\"");
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var result = await circuit.Get<ReviewDecisions>().ApproveAsync(id, await VersionGuidAsync(id), differencesConfirmed: true);

        result.Outcome.Should().Be(ReviewOutcome.Pending);
        Labels.Message(result.MessageCode).Should().Contain("chờ đối chiếu với CSDL dân cư nên chưa thể duyệt");
        var record = await ReviewData.ReadAsync(app, id);
        (record.State, record.ApprovedAt).Should().Be((ApplicationState.Submitted, (DateTime?)null));
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task A_decision_on_a_record_changed_since_the_page_was_opened_is_refused_and_nothing_is_written()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.NotFound);
        var seen = await VersionGuidAsync(id);

        // Another reviewer returns the record meanwhile.
        await using (var db = app.SystemContext())
        {
            (await db.Applications.SingleAsync(a => a.Id == id)).Return("Không có trong CSDL dân cư", DateTime.UtcNow);
            await db.SaveChangesAsync();
        }

        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var result = await circuit.Get<ReviewDecisions>().ApproveAsync(id, seen, differencesConfirmed: true);

        result.Outcome.Should().Be(ReviewOutcome.Changed);
        Labels.Message(result.MessageCode).Should().Contain("vừa được người khác thay đổi");
        (await circuit.Get<ReviewDecisions>().ReturnAsync(id, seen, "Sai họ tên")).Outcome.Should().Be(ReviewOutcome.Changed);
        var record = await ReviewData.ReadAsync(app, id);
        (record.State, record.ApprovedBy).Should().Be((ApplicationState.Returned, (string?)null));
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Two_leads_approving_at_once_write_one_approval_and_the_other_gets_a_message()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        await using var first = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        await using var second = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var version = await VersionGuidAsync(id);

        var results = await Task.WhenAll(
            first.Get<ReviewDecisions>().ApproveAsync(id, version, differencesConfirmed: true),
            second.Get<ReviewDecisions>().ApproveAsync(id, version, differencesConfirmed: true));

        results.Select(r => r.Outcome).Should().BeEquivalentTo([ReviewOutcome.Done, ReviewOutcome.Changed]);
        Labels.Message(results.Single(r => !r.Succeeded).MessageCode).Should().Contain("vừa được người khác thay đổi");
        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Approved);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task The_version_refuses_the_second_of_two_contexts_that_read_the_same_record()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        await using var one = app.SystemContext();
        await using var two = app.SystemContext();
        var a = await one.Applications.SingleAsync(x => x.Id == id);
        var b = await two.Applications.SingleAsync(x => x.Id == id);
        a.Approve("lead-one", DateTime.UtcNow);
        b.Return("Sai họ tên", DateTime.UtcNow);
        await one.SaveChangesAsync();

        var late = () => two.SaveChangesAsync();

        await late.Should().ThrowAsync<DbUpdateConcurrencyException>();
        (await ReviewData.ReadAsync(app, id)).State.Should().Be(ApplicationState.Approved);
        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Fact]
    public async Task Bulk_approval_takes_only_the_chosen_clean_matches_or_all_of_them()
    {
        var clean = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched);
        var other = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Matched);
        var flagged = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);
        var tab = await lead.GetStringAsync($"/review?tab=Submitted&count={ReviewQueries.MaxPageSize}");
        Row(tab, clean).Should().Contain("data-testid=\"review-pick\"");
        Row(tab, flagged).Should().NotContain("data-testid=\"review-pick\"");
        await using var circuit = await CircuitScope.ForAsync(app, DemoAccounts.Lead);
        var decisions = circuit.Get<ReviewDecisions>();
        (await decisions.ApproveMatchesAsync([])).Outcome.Should().Be(ReviewOutcome.NoneSelected);

        var result = await decisions.ApproveMatchesAsync([clean, flagged]);

        result.Should().Be(ReviewResult.Of(ReviewOutcome.Done, 1));
        (await ReviewData.ReadAsync(app, clean)).State.Should().Be(ApplicationState.Approved);
        (await ReviewData.ReadAsync(app, other)).State.Should().Be(ApplicationState.Submitted);
        (await ReviewData.ReadAsync(app, flagged)).State.Should().Be(ApplicationState.Submitted);

        (await decisions.ApproveMatchesAsync(null)).Outcome.Should().Be(ReviewOutcome.Done);

        (await ReviewData.ReadAsync(app, other)).State.Should().Be(ApplicationState.Approved);
        (await ReviewData.ReadAsync(app, flagged)).State.Should().Be(ApplicationState.Submitted);
        await using (var db = app.SystemContext())
        {
            (await db.Applications.CountAsync(a => a.CommuneId == app.CommuneOne && a.State == ApplicationState.Submitted && a.Verification == VerificationStatus.Matched && !a.HasWarnings))
                .Should().Be(0);
        }

        await ReviewData.AssertCountsAsync(app, app.CommuneOne);
    }

    [Theory]
    [InlineData("/review?count=x", "count")]
    [InlineData("/review?page=abc", "page")]
    [InlineData("/review?page=-1", "page")]
    [InlineData("/review?page=99999999999999999999", "page")]
    [InlineData("/review?tab=Nope&count=7", "tab, count")]
    public async Task A_malformed_query_value_shows_the_list_with_a_message_not_an_error(string path, string named)
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        using var response = await lead.GetAsync(path);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.Should().Contain("data-testid=\"review-bad-query\"").And.Contain($"không hợp lệ ({named})");
        html.Should().Contain("data-testid=\"review-tab-Flagged\"");
    }

    [Fact]
    public async Task A_page_past_the_end_shows_the_last_page_without_a_message()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        var html = await lead.GetStringAsync("/review?page=100000");

        html.Should().NotContain("data-testid=\"review-bad-query\"");
    }

    [Fact]
    public async Task An_unknown_record_or_a_malformed_id_answers_not_found()
    {
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        foreach (var path in new[] { $"/review/{Guid.NewGuid()}", "/review/abc", "/review/00000000-0000-0000-0000-000000000000" })
        {
            using var response = await lead.GetAsync(path);
            response.StatusCode.Should().Be(HttpStatusCode.NotFound, path);
            (await response.Content.ReadAsStringAsync()).Should().NotContain("data-testid=\"review-name\"", path);
        }
    }

    [Fact]
    public async Task The_photo_is_served_to_the_lead_without_caching_and_not_across_communes_nor_to_an_officer()
    {
        var id = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app), VerificationStatus.Mismatched);
        var foreign = await ReviewData.SubmitAsync(app, await ReviewData.FreeMemberAsync(app, communeId: app.CommuneTwo), VerificationStatus.Mismatched);
        using var lead = await app.SignedInClientAsync(DemoAccounts.Lead);

        using (var photo = await lead.GetAsync($"/review/{id}/photo"))
        {
            photo.StatusCode.Should().Be(HttpStatusCode.OK);
            photo.Content.Headers.ContentType!.MediaType.Should().Be("image/jpeg");
            photo.Headers.CacheControl!.NoStore.Should().BeTrue();
            (await photo.Content.ReadAsByteArrayAsync()).Should().Equal(ReviewData.Photo);
        }

        (await lead.GetAsync($"/review/{foreign}/photo")).StatusCode.Should().Be(HttpStatusCode.NotFound);
        using var foreignPage = await lead.GetAsync($"/review/{foreign}");
        foreignPage.StatusCode.Should().Be(HttpStatusCode.NotFound);
        (await foreignPage.Content.ReadAsStringAsync()).Should().NotContain("data-testid=\"review-name\"");
        using var officer = await app.SignedInClientAsync(DemoAccounts.Officer);
        using var denied = await officer.GetAsync($"/review/{id}/photo");
        denied.Headers.Location!.ToString().Should().Contain("/account/denied");
        (await officer.GetAsync("/review")).Headers.Location!.ToString().Should().Contain("/account/denied");
    }

    private async Task<Guid> VersionGuidAsync(Guid id) => (await ReviewData.ReadAsync(app, id)).Version;

    /// <summary>The table row of one record in a review list.</summary>
    private static string Row(string html, Guid id)
    {
        var cell = html.IndexOf($"data-application-id=\"{id}\"", StringComparison.Ordinal);
        cell.Should().BeGreaterThan(0, "the record must be listed");
        var start = html.LastIndexOf("<tr", cell, StringComparison.Ordinal);
        var end = html.IndexOf("</tr>", start, StringComparison.Ordinal);
        return html[start..end];
    }

    [Collection(SqliteApp.Collection)]
    public sealed class OnSqlite(SqliteApp app) : ReviewTests(app);

    [Collection(PostgreSqlApp.Collection)]
    public sealed class OnPostgreSql(PostgreSqlApp app) : ReviewTests(app);

    [Collection(SqlServerApp.Collection)]
    public sealed class OnSqlServer(SqlServerApp app) : ReviewTests(app);
}
