using FluentValidation;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// The checks a correction can have before it reaches the member: a name, a date of birth in dd/MM/yyyy or a
/// year alone, lengths as stored. Agreement with the ID number is the member's own rule, answered by the service.
/// </summary>
public sealed class CorrectionFormValidator : AbstractValidator<CorrectionForm>
{
    public CorrectionFormValidator()
    {
        RuleFor(f => f.FullName).Must(name => VietnameseText.Normalize(name).Length > 0).WithMessage(_ => Labels.Message("member.name-empty"))
            .MaximumLength(200).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 200))
            .Must(n => TextRules.IsPersonName(VietnameseText.Normalize(n))).When(f => VietnameseText.Normalize(f.FullName).Length > 0, ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Validation_NameLetters);
        RuleFor(f => f.DateOfBirth).Must(text => MemberAdmin.TryParseBirth(text, out _, out _)).WithMessage(_ => Labels.Message("member.birth-invalid"));
        RuleFor(f => f.Sex).IsInEnum();
        RuleFor(f => f.Address).MaximumLength(500).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 500))
            .Must(n => TextRules.IsPlain(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NoMarkup);
        RuleFor(f => f.Note).MaximumLength(1000).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 1000));
    }
}
