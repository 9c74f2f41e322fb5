using FluentValidation;
using PartyCardIntake.Infrastructure.Import;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>
/// The rules a checked row keeps before it waits for commit: a name with letters and no markup, a maximum length on
/// every text field, a Vietnamese phone number. The rules themselves are <see cref="MemberRowRules"/> (pure, shared
/// with the file reader); each failure carries the import code (<see cref="ImportErrorCodes"/>) as its error code.
/// </summary>
public sealed class ImportRowValidator : AbstractValidator<ImportRow>
{
    public ImportRowValidator()
    {
        RuleFor(r => r.FullName)
            .Must(n => n.Length <= MemberRowRules.MaxNameLength).WithErrorCode(ImportErrorCodes.NameTooLong)
            .Must(MemberRowRules.IsValidName).WithErrorCode(ImportErrorCodes.NameInvalid);
        RuleFor(r => r.PartyCell)
            .Must(c => !string.IsNullOrWhiteSpace(c)).WithErrorCode(ImportErrorCodes.CellEmpty)
            .Must(c => c.Length <= MemberRowRules.MaxCellLength).WithErrorCode(ImportErrorCodes.CellTooLong)
            .Must(MemberRowRules.IsPlainText).WithErrorCode(ImportErrorCodes.CellInvalid);
        RuleFor(r => r.PartyCardNumber)
            .Must(c => c!.Length <= MemberRowRules.MaxCardLength && c.All(char.IsAsciiLetterOrDigit)).When(r => r.PartyCardNumber is not null)
            .WithErrorCode(ImportErrorCodes.CardInvalid);
        RuleFor(r => r.Phone)
            .Must(p => p!.Length <= MemberRowRules.MaxPhoneLength).When(r => r.Phone is not null, ApplyConditionTo.CurrentValidator).WithErrorCode(ImportErrorCodes.PhoneInvalid)
            .Must(MemberRowRules.IsVietnamesePhone).When(r => r.Phone is not null, ApplyConditionTo.CurrentValidator).WithErrorCode(ImportErrorCodes.PhoneInvalid);
        RuleFor(r => r.Address)
            .Must(a => a!.Length <= MemberRowRules.MaxAddressLength).When(r => r.Address is not null, ApplyConditionTo.CurrentValidator).WithErrorCode(ImportErrorCodes.AddressTooLong)
            .Must(MemberRowRules.IsPlainText).When(r => r.Address is not null, ApplyConditionTo.CurrentValidator).WithErrorCode(ImportErrorCodes.AddressInvalid);
    }

    /// <summary>The column of a failed property, for the error list by row.</summary>
    public static ImportColumn? ColumnOf(string propertyName) => propertyName switch
    {
        nameof(ImportRow.FullName) => ImportColumn.FullName,
        nameof(ImportRow.PartyCell) => ImportColumn.PartyCell,
        nameof(ImportRow.PartyCardNumber) => ImportColumn.PartyCardNumber,
        nameof(ImportRow.Phone) => ImportColumn.Phone,
        nameof(ImportRow.Address) => ImportColumn.Address,
        _ => null,
    };
}
