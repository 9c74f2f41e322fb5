using System.Globalization;
using FluentValidation;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Sites;

/// <summary>
/// The site form's rules. Every message about hours names the day it concerns ("Thứ Tư: giờ đóng cửa phải sau giờ mở
/// cửa.") and lands on the field at fault, so the page shows it beside that day.
/// </summary>
public sealed class SiteFormValidator : AbstractValidator<SiteForm>
{
    public const int NameMax = 200;
    public const int AddressMax = 500;
    public const int DeviceNameMax = 100;
    public const int SpecialDaysMax = 200;

    /// <summary>Special days before this are not of the campaign (nor of its predecessor).</summary>
    public static readonly DateOnly EarliestSpecialDay = new(2020, 1, 1);

    public SiteFormValidator(VietnamTime clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var latest = clock.Today.AddYears(2);

        RuleFor(m => m.Name)
            .Must(n => VietnameseText.Normalize(n).Length > 0).WithMessage(_ => Ui.Sites_Err_NameRequired)
            .Must(n => VietnameseText.Normalize(n).Length <= NameMax).WithMessage(_ => Format(Ui.Sites_Err_NameLength, NameMax))
            .Must(n => TextRules.IsPlain(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NoMarkup);
        RuleFor(m => m.Address)
            .Must(a => VietnameseText.Normalize(a).Length <= AddressMax).WithMessage(_ => Format(Ui.Sites_Err_AddressLength, AddressMax))
            .Must(n => TextRules.IsPlain(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NoMarkup);

        RuleFor(m => m.MinutesPerMember)
            .Must(m => m is >= 1 and <= 120).When(m => m.RecordsPerDevicePerDay is null, ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Sites_Err_Minutes);
        RuleFor(m => m.RecordsPerDevicePerDay)
            .Must(r => r is >= 1 and <= 2000).When(m => m.RecordsPerDevicePerDay is not null, ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Sites_Err_Records)
            .Must((m, _) => m.EffectiveMinutes() is null or (>= 1 and <= 120)).When(m => m.RecordsPerDevicePerDay is >= 1 and <= 2000, ApplyConditionTo.CurrentValidator)
            .WithMessage(_ => Ui.Sites_Err_Minutes);

        RuleFor(m => m.Days)
            .Must(d => d.Count == 7 && d.Select(x => x.Day).Distinct().Count() == 7).WithMessage(_ => Ui.Sites_Err_NoOpenDay)
            .Must(d => d.Any(x => x.Open)).When(m => !m.NoFixedHours, ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Sites_Err_NoOpenDay);
        RuleForEach(m => m.Days).SetValidator(new HoursValidator<DayHoursForm>(d => Labels.Weekday(d.Day))).When(m => !m.NoFixedHours, ApplyConditionTo.CurrentValidator);

        RuleFor(m => m.SpecialDays)
            .Must(s => s.Count <= SpecialDaysMax).WithMessage(_ => Format(Ui.Sites_Err_TooManySpecialDays, SpecialDaysMax))
            .Custom((days, context) =>
            {
                var seen = new HashSet<DateOnly>();
                for (var i = 0; i < days.Count; i++)
                {
                    if (days[i].Date is { } date && !seen.Add(DateOnly.FromDateTime(date)))
                    {
                        context.AddFailure($"{nameof(SiteForm.SpecialDays)}[{i}].{nameof(SpecialDayForm.Date)}", Format(Ui.Sites_Err_DateDuplicate, Labels.Date(DateOnly.FromDateTime(date))));
                    }
                }
            });
        RuleForEach(m => m.SpecialDays).ChildRules(day =>
        {
            day.RuleFor(d => d.Date)
                .NotNull().WithMessage(_ => Ui.Sites_Err_DateRequired)
                .Must(d => DateOnly.FromDateTime(d!.Value) >= EarliestSpecialDay && DateOnly.FromDateTime(d.Value) <= latest).When(d => d.Date is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(d => Format(Ui.Sites_Err_DateRange, Labels.Date(DateOnly.FromDateTime(d.Date!.Value)), Labels.Date(EarliestSpecialDay), Labels.Date(latest)));
        });
        RuleForEach(m => m.SpecialDays).SetValidator(new HoursValidator<SpecialDayForm>(SpecialDayLabel));

        RuleForEach(m => m.Devices).ChildRules(device =>
        {
            device.RuleFor(d => d.Name)
                .Must(n => VietnameseText.Normalize(n).Length > 0).WithMessage(_ => Ui.Sites_Err_DeviceRequired)
                .Must(n => VietnameseText.Normalize(n).Length <= DeviceNameMax).WithMessage(_ => Format(Ui.Sites_Err_DeviceLength, DeviceNameMax))
                .Must(n => TextRules.IsPlain(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NoMarkup);
        });
        RuleFor(m => m.Devices).Custom((devices, context) =>
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < devices.Count; i++)
            {
                var name = VietnameseText.Normalize(devices[i].Name);
                if (name.Length > 0 && !seen.Add(name))
                {
                    context.AddFailure($"{nameof(SiteForm.Devices)}[{i}].{nameof(DeviceForm.Name)}", Ui.Sites_Err_DeviceTaken);
                }
            }
        });
        RuleFor(m => m.NewDevice)
            .Must(n => VietnameseText.Normalize(n).Length <= DeviceNameMax).WithMessage(_ => Format(Ui.Sites_Err_DeviceLength, DeviceNameMax))
            .Must((m, n) => !m.Devices.Any(d => VietnameseText.Normalize(d.Name) == VietnameseText.Normalize(n)))
            .When(m => VietnameseText.Normalize(m.NewDevice).Length > 0, ApplyConditionTo.CurrentValidator).WithMessage(_ => Ui.Sites_Err_DeviceTaken);
    }

    /// <summary>"Ngày 02/09/2025", or "Ngày đặc biệt" while no date is chosen.</summary>
    public static string SpecialDayLabel(SpecialDayForm day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Date is { } date ? Format(Ui.Sites_SpecialDayLabel, Labels.Date(DateOnly.FromDateTime(date))) : Ui.Sites_SpecialDays;
    }

    private static string Format(string text, params object[] args) => string.Format(Ui.Culture ?? CultureInfo.CurrentCulture, text, args);
}

/// <summary>Rules of one day's hours; <paramref name="label"/> names the day in every message.</summary>
public sealed class HoursValidator<T> : AbstractValidator<T>
    where T : HoursForm
{
    public HoursValidator(Func<T, string> label)
    {
        When(h => h.Open, () =>
        {
            RuleFor(h => h.Opens)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(h => Format(Ui.Sites_Err_OpensRequired, label(h)))
                .Must(t => SiteTime.Parse(t) is not null).When(h => !string.IsNullOrWhiteSpace(h.Opens), ApplyConditionTo.CurrentValidator)
                .WithMessage(h => Format(Ui.Sites_Err_TimeFormat, label(h), h.Opens!.Trim()));
            RuleFor(h => h.Closes)
                .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(h => Format(Ui.Sites_Err_ClosesRequired, label(h)))
                .Must(t => SiteTime.Parse(t) is not null).When(h => !string.IsNullOrWhiteSpace(h.Closes), ApplyConditionTo.CurrentValidator)
                .WithMessage(h => Format(Ui.Sites_Err_TimeFormat, label(h), h.Closes!.Trim()))
                .Must((h, t) => SiteTime.Parse(t) > SiteTime.Parse(h.Opens)).When(h => SiteTime.Parse(h.Opens) is not null && SiteTime.Parse(h.Closes) is not null, ApplyConditionTo.CurrentValidator)
                .WithMessage(h => Format(Ui.Sites_Err_ClosesBeforeOpens, label(h)));

            When(h => !string.IsNullOrWhiteSpace(h.BreakStarts) || !string.IsNullOrWhiteSpace(h.BreakEnds), () =>
            {
                RuleFor(h => h.BreakStarts)
                    .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(h => Format(Ui.Sites_Err_BreakIncomplete, label(h)))
                    .Must(t => SiteTime.Parse(t) is not null).When(h => !string.IsNullOrWhiteSpace(h.BreakStarts), ApplyConditionTo.CurrentValidator)
                    .WithMessage(h => Format(Ui.Sites_Err_TimeFormat, label(h), h.BreakStarts!.Trim()));
                RuleFor(h => h.BreakEnds)
                    .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(h => Format(Ui.Sites_Err_BreakIncomplete, label(h)))
                    .Must(t => SiteTime.Parse(t) is not null).When(h => !string.IsNullOrWhiteSpace(h.BreakEnds), ApplyConditionTo.CurrentValidator)
                    .WithMessage(h => Format(Ui.Sites_Err_TimeFormat, label(h), h.BreakEnds!.Trim()))
                    .Must((h, _) => BreakInside(h))
                    .When(h => SiteTime.Parse(h.Opens) is { } o && SiteTime.Parse(h.Closes) is { } c && c > o
                        && SiteTime.Parse(h.BreakStarts) is not null && SiteTime.Parse(h.BreakEnds) is not null, ApplyConditionTo.CurrentValidator)
                    .WithMessage(h => Format(Ui.Sites_Err_BreakOutside, label(h)));
            });
        });
    }

    private static bool BreakInside(HoursForm h)
    {
        var (opens, closes) = (SiteTime.Parse(h.Opens)!.Value, SiteTime.Parse(h.Closes)!.Value);
        var (starts, ends) = (SiteTime.Parse(h.BreakStarts)!.Value, SiteTime.Parse(h.BreakEnds)!.Value);
        return starts > opens && ends > starts && closes > ends;
    }

    private static string Format(string text, params object[] args) => string.Format(Ui.Culture ?? CultureInfo.CurrentCulture, text, args);
}
