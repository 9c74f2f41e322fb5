using FluentValidation;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>The walk-in reserve: a whole number of percent from 0 to <see cref="PlanningService.MaxReservePercent"/>.</summary>
public sealed class PlanRunFormValidator : AbstractValidator<PlanRunForm>
{
    public PlanRunFormValidator() =>
        RuleFor(f => f.Reserve).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Msg_planning_reserve)
            .InclusiveBetween(0, PlanningService.MaxReservePercent).WithMessage(_ => Ui.Msg_planning_reserve);
}
