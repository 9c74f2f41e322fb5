using FluentValidation;
using PartyCardIntake.Web.Components;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Reports;

/// <summary>The daily report's choice: the commune (province users only) and the day.</summary>
public sealed class DailyReportForm
{
    public string? Commune { get; set; }

    public DateTime? Date { get; set; }
}

/// <summary>The province dashboard's filter: text, "at risk only" and the day.</summary>
public sealed class DashboardFilterForm
{
    public string? Text { get; set; }

    public bool AtRiskOnly { get; set; }

    public DateTime? Date { get; set; }
}

/// <summary>The day of a report as picked on a page: the rules of <see cref="ReportDate"/> (no later than today, at most ten years back).</summary>
internal static class ReportDateRule
{
    public static void Apply<T>(IRuleBuilderInitial<T, DateTime?> rule, VietnamTime time) => rule
        .NotNull().WithMessage(_ => Ui.Reports_DateRequired)
        .Must(d => d is null || DateOnly.FromDateTime(d.Value) <= time.Today).WithMessage(_ => Ui.Reports_DateFuture)
        .Must(d => d is null || DateOnly.FromDateTime(d.Value) >= ReportDate.Earliest(time.Today))
        .WithMessage(_ => string.Format(Ui.Culture, Ui.Reports_DateTooEarly, Labels.Date(ReportDate.Earliest(time.Today))));
}

public sealed class DailyReportFormValidator : AbstractValidator<DailyReportForm>
{
    public DailyReportFormValidator(VietnamTime time) => ReportDateRule.Apply(RuleFor(f => f.Date), time);
}

public sealed class DashboardFilterFormValidator : AbstractValidator<DashboardFilterForm>
{
    public DashboardFilterFormValidator(VietnamTime time)
    {
        ReportDateRule.Apply(RuleFor(f => f.Date), time);
        RuleFor(f => f.Text).MaximumLength(100).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 100));
    }
}
