using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.UnitTests.Domain;

public class ApplicationStateTests
{
    private static readonly DateTime Now = new(2025, 8, 12, 2, 0, 0, DateTimeKind.Utc);

    private static Application NewApplication()
    {
        var member = PartyMember.Create(1, 1, PersonalIdNumber.Parse("025055000123"), "Nguyễn Văn An", Sex.Male, 1955, null, Now);
        return Application.Submit(Guid.NewGuid(), member, 1, 1, "officer", Now);
    }

    [Fact]
    public void A_new_application_is_submitted_and_pending_verification()
    {
        var application = NewApplication();
        application.State.Should().Be(ApplicationState.Submitted);
        application.Verification.Should().Be(VerificationStatus.Pending);
        application.IsActive.Should().BeTrue();
    }

    [Fact]
    public void Approve_is_refused_while_verification_is_pending()
    {
        var application = NewApplication();
        var approve = () => application.Approve("lead", Now);
        approve.Should().Throw<DomainException>().Which.Code.Should().Be("application.verification-pending");
    }

    [Fact]
    public void The_normal_path_is_submitted_approved_transmitted()
    {
        var application = NewApplication();
        application.RecordVerification(VerificationStatus.Matched, Now);
        application.Approve("lead", Now);
        application.MarkTransmitted(Now.AddHours(8));
        application.State.Should().Be(ApplicationState.Transmitted);
        application.TransmittedAt.Should().Be(Now.AddHours(8));
    }

    [Fact]
    public void A_returned_application_needs_a_reason_and_can_be_resubmitted()
    {
        var application = NewApplication();
        var withoutReason = () => application.Return("  ", Now);
        withoutReason.Should().Throw<DomainException>();

        application.Return("Ảnh bị mờ", Now);
        application.State.Should().Be(ApplicationState.Returned);
        application.Resubmit("officer", Now.AddMinutes(5));
        application.State.Should().Be(ApplicationState.Submitted);
    }

    [Fact]
    public void Transmitted_and_cancelled_applications_cannot_change_state()
    {
        var transmitted = NewApplication();
        transmitted.RecordVerification(VerificationStatus.Matched, Now);
        transmitted.Approve("lead", Now);
        transmitted.MarkTransmitted(Now);
        ((Action)(() => transmitted.Cancel(Now))).Should().Throw<DomainException>();
        ((Action)(() => transmitted.Return("x", Now))).Should().Throw<DomainException>();

        var cancelled = NewApplication();
        cancelled.Cancel(Now);
        cancelled.IsActive.Should().BeFalse();
        ((Action)(() => cancelled.Resubmit("officer", Now))).Should().Throw<DomainException>();
        ((Action)(() => cancelled.MarkTransmitted(Now))).Should().Throw<DomainException>();
    }

    [Fact]
    public void Every_change_renews_the_concurrency_version()
    {
        var application = NewApplication();
        var before = application.Version;
        application.RecordVerification(VerificationStatus.Mismatched, Now);
        application.Version.Should().NotBe(before);
    }
}
