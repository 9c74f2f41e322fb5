using System.Globalization;
using FluentValidation;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Cells;

/// <summary>
/// Rules of the cell form. Lengths are those of the database, counted on the text as it is saved (NFC, spaces
/// collapsed), so a name typed in decomposed form is not refused for the extra code points.
/// </summary>
public sealed class CellInputValidator : AbstractValidator<CellInput>
{
    public const int NameMax = 200;
    public const int SecretaryMax = 200;
    public const int PhoneMax = 20;

    public CellInputValidator()
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .Must(n => VietnameseText.Normalize(n).Length > 0).WithMessage(_ => Ui.Cells_NameRequired)
            .Must(n => VietnameseText.Normalize(n).Length <= NameMax).WithMessage(_ => Format(Ui.Cells_Err_NameLength, NameMax))
            .Must(n => TextRules.IsPlain(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NoMarkup);
        RuleFor(c => c.SecretaryName).Cascade(CascadeMode.Stop)
            .Must(n => VietnameseText.Normalize(n).Length <= SecretaryMax).WithMessage(_ => Format(Ui.Cells_Err_SecretaryLength, SecretaryMax))
            .Must(n => TextRules.IsPersonName(VietnameseText.Normalize(n))).When(c => !string.IsNullOrWhiteSpace(c.SecretaryName), ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Validation_NameLetters);
        RuleFor(c => c.SecretaryPhone).Cascade(CascadeMode.Stop)
            .Must(p => p!.Trim().Length <= PhoneMax).When(c => c.SecretaryPhone is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => Format(Ui.Cells_Err_PhoneLength, PhoneMax))
            .Must(p => VietnamesePhone.Digits(p) is not null).When(c => !string.IsNullOrWhiteSpace(c.SecretaryPhone), ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Cells_Err_PhoneFormat);
        RuleFor(c => c.Availability).IsInEnum().WithMessage(_ => Ui.Cells_Err_Availability);
    }

    private static string Format(string text, params object[] args) => string.Format(Ui.Culture ?? CultureInfo.CurrentCulture, text, args);
}
