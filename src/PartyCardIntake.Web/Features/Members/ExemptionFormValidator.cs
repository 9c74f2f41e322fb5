using PartyCardIntake.Core.Domain;
using FluentValidation;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// A reason is required; the start date is a day that has come (an exemption records a fact: the member is
/// abroad, ill, has died); "other reason" needs a note that says which.
/// </summary>
public sealed class ExemptionFormValidator : AbstractValidator<ExemptionForm>
{
    /// <summary>As the member's stored note.</summary>
    public const int NoteLength = 500;

    public ExemptionFormValidator(VietnamTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(f => f.Reason).NotNull().WithMessage(_ => Ui.Msg_exemption_reason_required);
        RuleFor(f => f.On).NotNull().WithMessage(_ => Ui.Members_ExemptionDateRequired)
            .Must(on => on is null || DateOnly.FromDateTime(on.Value) <= time.Today).WithMessage(_ => Ui.Members_ExemptionDateFuture);
        RuleFor(f => f.Note).MaximumLength(NoteLength).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, NoteLength));
        RuleFor(f => f.Note).Must(note => !string.IsNullOrWhiteSpace(note)).When(f => f.Reason == ExemptionReason.Other)
            .WithMessage(_ => Ui.Members_ExemptionOtherNote);
    }
}
