using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Verification;

namespace PartyCardIntake.UnitTests.Verification;

public sealed class SubmissionVerificationTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 1, 45, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);
    private static long nextId;

    [Fact]
    public void A_fresh_check_is_reused_with_its_outcome_and_time()
    {
        var check = Check(CheckOutcome.Matched, minutesAgo: 10);

        var decision = SubmissionVerification.Decide([check], Now, Window);

        decision.Verification.Should().Be(VerificationStatus.Matched);
        decision.ReliesOn.Should().BeSameAs(check);
        decision.IsPending.Should().BeFalse();
        decision.UsableUntil.Should().Be(check.CheckedAt + Window);
    }

    [Fact]
    public void A_stale_check_is_not_reused()
    {
        var decision = SubmissionVerification.Decide([Check(CheckOutcome.Matched, minutesAgo: 31)], Now, Window);

        decision.Should().Be(SubmissionDecision.Pending);
        decision.IsPending.Should().BeTrue();
    }

    [Theory]
    [InlineData(CheckOutcome.Mismatched, VerificationStatus.Mismatched)]
    [InlineData(CheckOutcome.NotFound, VerificationStatus.NotFound)]
    public void A_reused_check_keeps_its_own_verdict(CheckOutcome outcome, VerificationStatus expected)
    {
        var decision = SubmissionVerification.Decide([Check(outcome, minutesAgo: 5)], Now, Window);

        decision.Verification.Should().Be(expected);
        decision.HasWarnings.Should().BeFalse();
    }

    [Fact]
    public void A_matched_check_with_warnings_passes_its_warnings_on()
    {
        var decision = SubmissionVerification.Decide([Check(CheckOutcome.Matched, minutesAgo: 5, warnings: true)], Now, Window);

        decision.Verification.Should().Be(VerificationStatus.Matched);
        decision.HasWarnings.Should().BeTrue();
    }

    [Fact]
    public void Without_any_check_the_record_is_pending()
    {
        SubmissionVerification.Decide([], Now, Window).Should().Be(SubmissionDecision.Pending);
    }

    [Fact]
    public void An_unavailable_check_alone_never_becomes_a_match()
    {
        var decision = SubmissionVerification.Decide([Check(CheckOutcome.Unavailable, minutesAgo: 0)], Now, Window);

        decision.Verification.Should().Be(VerificationStatus.Pending);
        decision.ReliesOn.Should().BeNull();
    }

    [Fact]
    public void A_failure_after_a_fresh_answer_does_not_hide_that_answer()
    {
        var answer = Check(CheckOutcome.Mismatched, minutesAgo: 12);
        var failure = Check(CheckOutcome.Unavailable, minutesAgo: 0);

        var decision = SubmissionVerification.Decide([failure, answer], Now, Window);

        decision.Verification.Should().Be(VerificationStatus.Mismatched);
        decision.ReliesOn.Should().BeSameAs(answer);
    }

    [Fact]
    public void The_newest_conclusive_check_decides()
    {
        var older = Check(CheckOutcome.Mismatched, minutesAgo: 20);
        var newer = Check(CheckOutcome.Matched, minutesAgo: 3);

        SubmissionVerification.Decide([newer, older], Now, Window).ReliesOn.Should().BeSameAs(newer);
        SubmissionVerification.Decide([older, newer], Now, Window).ReliesOn.Should().BeSameAs(newer);
    }

    [Fact]
    public void Two_checks_in_the_same_instant_are_ordered_by_their_id()
    {
        var first = Check(CheckOutcome.Mismatched, minutesAgo: 4);
        var second = Check(CheckOutcome.Matched, minutesAgo: 4);

        SubmissionVerification.Decide([second, first], Now, Window).ReliesOn.Should().BeSameAs(second);
    }

    [Fact]
    public void A_check_exactly_as_old_as_the_window_is_still_reused()
    {
        var check = Check(CheckOutcome.Matched, minutesAgo: 30);

        SubmissionVerification.Decide([check], Now, Window).ReliesOn.Should().BeSameAs(check);
    }

    [Fact]
    public void A_check_a_tick_older_than_the_window_is_not_reused()
    {
        var check = Check(CheckOutcome.Matched, minutesAgo: 30);
        check.CheckedAt -= TimeSpan.FromTicks(1);

        SubmissionVerification.Decide([check], Now, Window).Should().Be(SubmissionDecision.Pending);
    }

    private static RegistryCheck Check(CheckOutcome outcome, int minutesAgo, bool warnings = false) => new()
    {
        Id = Interlocked.Increment(ref nextId),
        MemberId = 7,
        CheckedAt = Now.AddMinutes(-minutesAgo),
        Outcome = outcome,
        HasWarnings = warnings,
        FailureReason = outcome == CheckOutcome.Unavailable ? "timeout" : null,
    };
}
