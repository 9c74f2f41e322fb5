using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Core.Verification;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.ComponentTests;

/// <summary>The desk's compact comparison: the letters that differ, warnings apart from mismatches, and what a save records.</summary>
public sealed class DeskRegistryCompareTests : BunitContext
{
    private static readonly DateTime CheckedAt = new(2026, 12, 7, 1, 15, 0, DateTimeKind.Utc);

    public DeskRegistryCompareTests()
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Only_the_differing_letters_are_marked_and_a_warning_looks_different_from_a_mismatch()
    {
        var check = Check(
            CheckOutcome.Mismatched,
            new FieldComparison(RegistryField.FullName, "Nguyễn Văn Bình", "Nguyễn Văn Bính", FieldSeverity.Mismatch, "name.diacritics"),
            new FieldComparison(RegistryField.DateOfBirth, "12/03/1950", "1950", FieldSeverity.Warning, "dob.year-only"),
            new FieldComparison(RegistryField.Sex, "Nam", "Nam", FieldSeverity.Same, string.Empty));

        var page = Render<DeskRegistryCompare>(p => p.Add(c => c.Check, check).Add(c => c.Decision, SubmissionDecision.Pending));

        var name = page.Find("tr[data-field=FullName]");
        name.GetAttribute("data-severity").Should().Be("Mismatch");
        name.QuerySelectorAll("mark[data-testid=diff-char]").Select(m => m.TextContent).Should().Equal("ì", "í");
        page.Find("tr[data-field=DateOfBirth]").ClassName.Should().Contain("registry-warning").And.NotContain("registry-mismatch");
        page.Find("tr[data-field=Sex]").QuerySelectorAll("mark").Should().BeEmpty();
        page.FindAll("p.desk-compare-reason").Select(p => p.GetAttribute("data-field")).Should().Equal("FullName", "DateOfBirth");
        page.Find("p.desk-compare-reason.registry-warning").TextContent.Should().Contain("Một bên chỉ có năm sinh");
    }

    [Fact]
    public void The_page_says_a_reused_check_is_saved_as_matched_with_its_time_and_no_answer_as_pending()
    {
        var reused = Check(CheckOutcome.Matched);
        var decision = new SubmissionDecision(VerificationStatus.Matched, false, reused.Check, CheckedAt.AddMinutes(30));

        var matched = Render<DeskRegistryCompare>(p => p.Add(c => c.Check, reused).Add(c => c.Decision, decision));
        var saving = matched.Find("[data-testid=saving-as]");
        saving.GetAttribute("data-verification").Should().Be("Matched");
        saving.TextContent.Should().Contain("08:15").And.Contain("08:45");

        var down = Render<DeskRegistryCompare>(p => p.Add(c => c.Check, Check(CheckOutcome.Unavailable)).Add(c => c.Decision, SubmissionDecision.Pending));
        down.Find("[data-testid=saving-as]").GetAttribute("data-verification").Should().Be("Pending");
    }

    [Fact]
    public void The_retry_is_offered_only_when_the_registry_did_not_answer_and_runs_the_check_again()
    {
        var retried = 0;
        var down = Render<DeskRegistryCompare>(p => p
            .Add(c => c.Check, Check(CheckOutcome.Unavailable))
            .Add(c => c.Decision, SubmissionDecision.Pending)
            .Add(c => c.OnRetry, () => retried++));

        down.Find("[data-testid=registry-retry]").Click();

        retried.Should().Be(1);
        Render<DeskRegistryCompare>(p => p.Add(c => c.Check, Check(CheckOutcome.Matched)).Add(c => c.Decision, SubmissionDecision.Pending))
            .FindAll("[data-testid=registry-retry]").Should().BeEmpty();
    }

    [Fact]
    public void In_the_field_the_kits_last_check_is_shown_with_its_date_and_the_save_is_said_to_be_pending()
    {
        var page = Render<DeskRegistryCompare>(p => p
            .Add(c => c.Check, Check(CheckOutcome.Matched))
            .Add(c => c.Decision, SubmissionDecision.Pending)
            .Add(c => c.InTheField, true));

        var saving = page.Find("[data-testid=saving-as]");
        saving.GetAttribute("data-verification").Should().Be("Pending");
        saving.TextContent.Should().Contain("Không có kết nối tới CSDL quốc gia").And.Contain("chờ đối chiếu").And.Contain("07/12/2026 08:15");
    }

    private static MemberCheck Check(CheckOutcome outcome, params FieldComparison[] fields) => new(
        new RegistryCheck { MemberId = 1, CheckedAt = CheckedAt, Outcome = outcome, FailureReason = outcome == CheckOutcome.Unavailable ? "timeout" : null },
        null,
        fields.Length == 0 ? null : new RegistryComparison(fields));
}
