using FluentValidation;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>At least one member stays and at least one moves on.</summary>
public sealed class SplitFormValidator : AbstractValidator<SplitForm>
{
    public SplitFormValidator() =>
        RuleFor(f => f.FirstPart).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Msg_slot_split_count)
            .Must((form, first) => first >= 1 && first < form.Members()).WithMessage(_ => Ui.Msg_slot_split_count);
}
