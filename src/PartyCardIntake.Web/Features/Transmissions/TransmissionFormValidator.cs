using FluentValidation;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Transmissions;

/// <summary>A package is made for a day that has come (today or earlier, in Vietnam).</summary>
public sealed class TransmissionFormValidator : AbstractValidator<TransmissionForm>
{
    public TransmissionFormValidator(VietnamTime time)
    {
        ArgumentNullException.ThrowIfNull(time);
        RuleFor(f => f.Day).NotNull().WithMessage(_ => Ui.Transmission_DayRequired)
            .Must(day => day is null || DateOnly.FromDateTime(day.Value) <= time.Today).WithMessage(_ => Ui.Transmission_DayFuture);
    }
}
