using System.Globalization;
using FluentValidation;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>
/// The bounds of the preview body's numbers, names and lists; the OpenAPI document shows them from here.
/// What needs parsing (dates, hours, availability) and what spans items (duplicates, the member total) is
/// checked by <see cref="PlanPreviewMapper"/>.
/// </summary>
public sealed class PlanPreviewRequestValidator : AbstractValidator<PlanPreviewRequest>
{
    // The planner refuses less than six seconds a member (a typing error, not a desk).
    public const double MinMinutesPerMember = 0.1;
    public const double MaxMinutesPerMember = 120;
    public const double MaxReservePercent = 90;

    public PlanPreviewRequestValidator()
    {
        RuleFor(r => r.StartDate)
            .NotEmpty().WithMessage(_ => Ui.Plan_DateRequired);
        RuleFor(r => r.MinutesPerMember)
            .NotNull().WithMessage(_ => Ui.Plan_MinutesPerMember)
            .InclusiveBetween(MinMinutesPerMember, MaxMinutesPerMember).WithMessage(_ => Ui.Plan_MinutesPerMember);
        RuleFor(r => r.ReservePercent)
            .InclusiveBetween(0, MaxReservePercent).WithMessage(_ => Ui.Plan_Reserve);
        RuleFor(r => r.Sites)
            .NotEmpty().WithMessage(_ => Sites)
            .Must(s => s is null || s.Count <= PlanPreviewMapper.MaxSites).WithMessage(_ => Sites);
        RuleForEach(r => r.Sites).SetValidator(new PlanPreviewSiteValidator());
        RuleFor(r => r.Cells)
            .NotEmpty().WithMessage(_ => Cells)
            .Must(c => c is null || c.Count <= PlanPreviewMapper.MaxCells).WithMessage(_ => Cells);
        RuleForEach(r => r.Cells).SetValidator(new PlanPreviewCellValidator());
    }

    private static string Sites => string.Format(CultureInfo.InvariantCulture, Ui.Plan_Sites, PlanPreviewMapper.MaxSites);

    private static string Cells => string.Format(CultureInfo.InvariantCulture, Ui.Plan_Cells, PlanPreviewMapper.MaxCells);
}

public sealed class PlanPreviewSiteValidator : AbstractValidator<PlanPreviewSite>
{
    public const int MaxDevices = 100;

    public PlanPreviewSiteValidator()
    {
        RuleFor(s => s.Name)
            .NotEmpty().WithMessage(_ => Ui.Plan_NameRequired)
            .MaximumLength(PlanPreviewMapper.MaxNameLength).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, PlanPreviewMapper.MaxNameLength));
        RuleFor(s => s.Devices)
            .NotNull().WithMessage(_ => Ui.Plan_Devices)
            .InclusiveBetween(1, MaxDevices).WithMessage(_ => Ui.Plan_Devices);
    }
}

public sealed class PlanPreviewCellValidator : AbstractValidator<PlanPreviewCell>
{
    public PlanPreviewCellValidator()
    {
        RuleFor(c => c.Name)
            .NotEmpty().WithMessage(_ => Ui.Plan_NameRequired)
            .MaximumLength(PlanPreviewMapper.MaxNameLength).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, PlanPreviewMapper.MaxNameLength));
        RuleFor(c => c.Members)
            .NotNull().WithMessage(_ => Ui.Plan_Members)
            .GreaterThanOrEqualTo(0).WithMessage(_ => Ui.Plan_Members)
            .LessThanOrEqualTo(PlanPreviewMapper.MaxMembers).WithMessage(_ => string.Format(CultureInfo.InvariantCulture, Ui.Plan_TooManyMembers, PlanPreviewMapper.MaxMembers));
    }
}
