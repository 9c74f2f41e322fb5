using System.Globalization;
using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>
/// A visit's time and details: a date from today up to the commune's deadline, a start not yet past, the whole visit
/// inside the day's visiting window (the sites' opening hours, else HomeVisits:VisitFrom–VisitTo), a length of
/// 1–240 minutes, an officer, and team, address and note within their lengths.
/// </summary>
public sealed class HomeVisitFormValidator : AbstractValidator<HomeVisitForm>
{
    public HomeVisitFormValidator()
    {
        RuleFor(f => f.Date).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.HomeVisits_Err_DateRequired)
            .Must((form, date) => form.Calendar() is not { } c || DateOnly.FromDateTime(date!.Value) >= DateOnly.FromDateTime(c.Now))
            .WithMessage(_ => Ui.HomeVisits_Error_past)
            .Must((form, date) => form.Calendar() is not { Deadline: { } deadline } || DateOnly.FromDateTime(date!.Value) <= deadline)
            .WithMessage(form => string.Format(Ui.Culture, Ui.HomeVisits_Err_AfterDeadline, Labels.Date(form.Calendar()!.Deadline!.Value)));

        RuleFor(f => f.Start).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.HomeVisits_Err_StartRequired)
            .Must(s => s!.Value >= TimeSpan.Zero && s.Value < TimeSpan.FromDays(1)).WithMessage(_ => Ui.HomeVisits_Error_time_invalid)
            .Must((form, _) => form.Times() is not { } t || form.Calendar() is not { } c || t.Start >= c.Now)
            .WithMessage(_ => Ui.HomeVisits_Error_past)
            .Must((form, _) => InWindow(form))
            .WithMessage(form => WindowMessage(form));

        RuleFor(f => f.Duration).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => Ui.HomeVisits_Error_duration_invalid)
            .GreaterThan(0).WithMessage(_ => Ui.HomeVisits_Error_end_before_start)
            .LessThanOrEqualTo(HomeVisitForm.MaxMinutes).WithMessage(_ => Ui.HomeVisits_Error_duration_invalid);

        RuleFor(f => f.OfficerId)
            .NotEmpty().WithMessage(_ => Ui.HomeVisits_Error_officer_required);

        When(f => f.WithDetails, () =>
        {
            RuleFor(f => f.Team).Cascade(CascadeMode.Stop)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(_ => Ui.HomeVisits_Error_team_required)
                .Must(t => t!.Trim().Length <= HomeVisitForm.TeamMax)
                .WithMessage(_ => string.Format(Ui.Culture, Ui.HomeVisits_Err_TooLong, HomeVisitForm.TeamMax));
            RuleFor(f => f.Address).Cascade(CascadeMode.Stop)
                .Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage(_ => Ui.HomeVisits_Error_address_required)
                .Must(a => a!.Trim().Length <= HomeVisitForm.AddressMax)
                .WithMessage(_ => string.Format(Ui.Culture, Ui.HomeVisits_Err_TooLong, HomeVisitForm.AddressMax));
            RuleFor(f => f.Note)
                .Must(n => n is null || n.Trim().Length <= HomeVisitForm.NoteMax)
                .WithMessage(_ => string.Format(Ui.Culture, Ui.HomeVisits_Err_TooLong, HomeVisitForm.NoteMax));
        });
    }

    /// <summary>The visit starts at or after the window opens and ends by the time it closes (a visit running past midnight never fits).</summary>
    public static bool InWindow(HomeVisitForm form)
    {
        if (form.Times() is not { } t || form.Calendar() is not { } c || form.Duration is not (> 0 and <= HomeVisitForm.MaxMinutes))
        {
            return true;
        }

        var (from, to) = c.Window(DateOnly.FromDateTime(t.Start));
        var day = t.Start.Date;
        return t.Start >= day + from.ToTimeSpan() && t.End <= day + to.ToTimeSpan();
    }

    private static string WindowMessage(HomeVisitForm form)
    {
        var (from, to) = form.Calendar()!.Window(DateOnly.FromDateTime(form.Date!.Value));
        return string.Format(CultureInfo.InvariantCulture, Ui.HomeVisits_Err_OutsideWindow, Labels.Time(from), Labels.Time(to));
    }
}
