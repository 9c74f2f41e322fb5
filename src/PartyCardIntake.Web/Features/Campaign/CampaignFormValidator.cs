using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Campaign;

/// <summary>
/// The campaign's dates: both set, the deadline after the start, every date within years a campaign can take place
/// (a typed 2099 or a year 0001 is a slip), and a commune's own deadline inside the province's window.
/// </summary>
public sealed class CampaignFormValidator : AbstractValidator<CampaignForm>
{
    public static readonly DateTime Earliest = new(2020, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);

    public static readonly DateTime Latest = new(2040, 12, 31, 0, 0, 0, DateTimeKind.Unspecified);

    public CampaignFormValidator()
    {
        RuleFor(f => f.Start).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Campaign_StartRequired)
            .Must(InRange).WithMessage(_ => RangeMessage);

        RuleFor(f => f.Deadline).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Campaign_DeadlineRequired)
            .Must(InRange).WithMessage(_ => RangeMessage)
            .Must((form, deadline) => form.Start is not { } start || !InRange(start) || deadline!.Value.Date > start.Date)
            .WithMessage(_ => Ui.Msg_campaign_deadline_before_start);

        RuleForEach(f => f.Communes).SetValidator((form, _) => new CommuneTargetValidator(form));
    }

    internal static bool InRange(DateTime? date) => date is not { } d || (d.Date >= Earliest && d.Date <= Latest);

    internal static string RangeMessage =>
        string.Format(Ui.Culture, Ui.Campaign_DateOutOfRange, Labels.Date(DateOnly.FromDateTime(Earliest)), Labels.Date(DateOnly.FromDateTime(Latest)));

    /// <summary>A commune's deadline, judged against the province's window being edited beside it.</summary>
    private sealed class CommuneTargetValidator : AbstractValidator<CommuneTarget>
    {
        public CommuneTargetValidator(CampaignForm form)
        {
            When(c => c.Deadline is not null, () =>
            {
                RuleFor(c => c.Deadline).Cascade(CascadeMode.Stop)
                    .Must(InRange).WithMessage(_ => RangeMessage)
                    .Must(d => form.Start is not { } start || !InRange(start) || d!.Value.Date >= start.Date)
                    .WithMessage(_ => string.Format(Ui.Culture, Ui.Campaign_CommuneBeforeStart, Labels.Date(DateOnly.FromDateTime(form.Start!.Value))))
                    .Must(d => form.Deadline is not { } deadline || !InRange(deadline) || d!.Value.Date <= deadline.Date)
                    .WithMessage(_ => string.Format(Ui.Culture, Ui.Campaign_CommuneAfterDeadline, Labels.Date(DateOnly.FromDateTime(form.Deadline!.Value))));
            });
        }
    }
}
