using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>The note says what the member must have corrected; it fits the worklist item.</summary>
public sealed class RegistryUpdateFormValidator : AbstractValidator<RegistryUpdateForm>
{
    public RegistryUpdateFormValidator() =>
        RuleFor(f => f.Note).Must(text => !string.IsNullOrWhiteSpace(text)).WithMessage(_ => Labels.Message("worklist.note-required"))
            .MaximumLength(1000).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 1000));
}
