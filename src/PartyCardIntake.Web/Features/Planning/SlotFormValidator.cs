using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// A slot's place and time: a site; a date inside the campaign (its first day to the commune's deadline); from and to
/// given, in order, within one day; for a new slot a cell and 1–<see cref="SlotForm.MaxMembers"/> members. The site's
/// hours of that date and "not in the past" are checked by <see cref="ScheduleEditor"/> against the database.
/// </summary>
public sealed class SlotFormValidator : AbstractValidator<SlotForm>
{
    public SlotFormValidator()
    {
        RuleFor(f => f.SiteId).NotNull().WithMessage(_ => Ui.Slot_Err_SiteRequired);

        RuleFor(f => f.Date).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Slot_Err_DateRequired)
            .Must((form, date) => form.Window() is not { } w || w.Contains(DateOnly.FromDateTime(date!.Value)))
            .WithMessage(form => WindowMessage(form.Window()!));

        RuleFor(f => f.From).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Slot_Err_FromRequired)
            .Must(t => t!.Value >= TimeSpan.Zero && t.Value < TimeSpan.FromDays(1)).WithMessage(_ => Ui.Msg_slot_input);

        RuleFor(f => f.To).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.Slot_Err_ToRequired)
            .Must(t => t!.Value >= TimeSpan.Zero && t.Value < TimeSpan.FromDays(1)).WithMessage(_ => Ui.Msg_slot_input)
            .Must((form, to) => form.From is not { } from || to!.Value > from).WithMessage(_ => Ui.Msg_slot_end_before_start);

        When(f => f.ForNew, () =>
        {
            RuleFor(f => f.CellId).NotNull().WithMessage(_ => Ui.Slot_Err_CellRequired);
            RuleFor(f => f.Members).Cascade(CascadeMode.Stop)
                .NotNull().WithMessage(_ => Ui.Msg_slot_members_count)
                .InclusiveBetween(1, SlotForm.MaxMembers).WithMessage(_ => Ui.Msg_slot_members_count);
        });
    }

    internal static string WindowMessage(CampaignWindow window) =>
        string.Format(Ui.Culture, Ui.Slot_Err_OutsideCampaign, Labels.Date(window.Start), Labels.Date(window.Deadline));
}
