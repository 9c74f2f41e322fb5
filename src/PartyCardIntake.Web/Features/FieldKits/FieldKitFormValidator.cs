using System.Globalization;
using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.FieldKits;

/// <summary>
/// A kit's range: from today on (Vietnamese time), the end not before the start, at most MaxKitDays days, and not
/// after the commune's deadline; an officer and a station chosen. Whether the officer and the device belong to the
/// commune is checked by <see cref="FieldKitMaker"/> against the database.
/// </summary>
public sealed class FieldKitFormValidator : AbstractValidator<FieldKitForm>
{
    public FieldKitFormValidator()
    {
        RuleFor(f => f.OfficerId).NotEmpty().WithMessage(_ => Ui.FieldKits_Err_OfficerMissing);

        RuleFor(f => f.From).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.FieldKits_Err_FromMissing)
            .Must((form, _) => form.Limits is not { } l || form.FromDate >= l.Today).WithMessage(_ => Ui.FieldKits_Err_FromPast);

        RuleFor(f => f.To).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.FieldKits_Err_ToMissing)
            .Must((form, _) => form.FromDate is not { } from || form.ToDate >= from).WithMessage(_ => Ui.FieldKits_Err_ToBeforeFrom)
            .Must((form, _) => form.Limits is not { } l || form.FromDate is not { } from || form.ToDate!.Value.DayNumber - from.DayNumber + 1 <= l.MaxDays)
            .WithMessage(form => string.Format(Ui.Culture, Ui.FieldKits_Err_TooLong, form.Limits!.MaxDays.ToString(CultureInfo.InvariantCulture)))
            .Must((form, _) => form.Limits is not { Deadline: { } deadline } || form.ToDate <= deadline)
            .WithMessage(form => string.Format(Ui.Culture, Ui.FieldKits_Err_AfterDeadline, Labels.Date(form.Limits!.Deadline!.Value)));

        RuleFor(f => f.DeviceId).NotNull().WithMessage(_ => Ui.FieldKits_Err_StationMissing);
    }
}
