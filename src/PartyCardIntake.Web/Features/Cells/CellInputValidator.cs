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
        RuleFor(c => c.Name)
            .Must(n => VietnameseText.Normalize(n).Length > 0).WithMessage(_ => Ui.Cells_NameRequired)
            .Must(n => VietnameseText.Normalize(n).Length <= NameMax).WithMessage(_ => Format(Ui.Cells_Err_NameLength, NameMax));
        RuleFor(c => c.SecretaryName)
            .Must(n => VietnameseText.Normalize(n).Length <= SecretaryMax).WithMessage(_ => Format(Ui.Cells_Err_SecretaryLength, SecretaryMax));
        RuleFor(c => c.SecretaryPhone)
            .Must(p => p!.Trim().Length <= PhoneMax).When(c => c.SecretaryPhone is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => Format(Ui.Cells_Err_PhoneLength, PhoneMax))
            .Must(IsPhone).When(c => !string.IsNullOrWhiteSpace(c.SecretaryPhone), ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Cells_Err_PhoneFormat);
        RuleFor(c => c.Availability).IsInEnum().WithMessage(_ => Ui.Cells_Err_Availability);
    }

    /// <summary>ASCII digits (not "０９…" nor other scripts' digits), spaces, dots, dashes and a leading plus; at least one digit.</summary>
    private static bool IsPhone(string? phone)
    {
        var value = phone!.Trim();
        for (var i = 0; i < value.Length; i++)
        {
            var ch = value[i];
            if (!(char.IsAsciiDigit(ch) || ch is ' ' or '.' or '-' || (ch == '+' && i == 0)))
            {
                return false;
            }
        }

        return value.Any(char.IsAsciiDigit);
    }

    private static string Format(string text, params object[] args) => string.Format(Ui.Culture ?? CultureInfo.CurrentCulture, text, args);
}
