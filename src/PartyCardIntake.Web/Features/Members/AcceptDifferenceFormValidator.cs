using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>Accepting a difference always says why; the reason fits the worklist item.</summary>
public sealed class AcceptDifferenceFormValidator : AbstractValidator<AcceptDifferenceForm>
{
    public AcceptDifferenceFormValidator() =>
        RuleFor(f => f.Reason).Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage(_ => Labels.Message("worklist.reason-required"))
            .MaximumLength(1000).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 1000));
}
