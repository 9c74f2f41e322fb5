using FluentValidation;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>A commune may only narrow the province's campaign: its deadline lies inside the province's days.</summary>
public sealed class CommuneDeadlineFormValidator : AbstractValidator<CommuneDeadlineForm>
{
    public CommuneDeadlineFormValidator() =>
        RuleFor(f => f.Deadline)
            .Must((form, date) => date is not { } d || form.Province() is not { } w || w.Contains(DateOnly.FromDateTime(d)))
            .WithMessage(_ => Ui.Msg_campaign_commune_outside);
}
