using System.Globalization;
using FluentValidation;
using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>
/// What can be told about a chosen file before a byte is sent: there is one, it is named .csv or .xlsx, it is not
/// empty and not over the size limit. The content is checked again on the server (a renamed PDF is still refused).
/// </summary>
public sealed class ImportUploadInputValidator : AbstractValidator<ImportUploadInput>
{
    private static readonly string[] Extensions = [".csv", ".xlsx"];

    public ImportUploadInputValidator(IOptions<ImportLimits> limits)
    {
        var maxBytes = limits.Value.MaxBytes;
        RuleFor(i => i.File)
            .NotNull().WithMessage(_ => Ui.Import_FileRequired)
            .Must(f => Extensions.Contains(Path.GetExtension(f!.Name), StringComparer.OrdinalIgnoreCase)).When(i => i.File is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Labels.ImportCode(ImportErrorCodes.FileUnsupported))
            .Must(f => f!.Size > 0).When(i => i.File is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Labels.ImportCode(ImportErrorCodes.FileEmpty))
            .Must(f => f!.Size <= maxBytes).When(i => i.File is not null, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => string.Format(Ui.Culture, Ui.Import_FileTooLarge, (maxBytes / (1024 * 1024)).ToString(CultureInfo.InvariantCulture)));
    }
}
