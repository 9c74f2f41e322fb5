using FluentValidation;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Components;

namespace PartyCardIntake.Web.Features.Review;

/// <summary>The lead's reason for returning a record for correction.</summary>
public sealed class ReturnForm
{
    public string? Reason { get; set; }
}

public sealed class ReturnFormValidator : AbstractValidator<ReturnForm>
{
    public ReturnFormValidator()
    {
        RuleFor(f => VietnameseText.Normalize(f.Reason)).NotEmpty().WithMessage(_ => Labels.Message("review.reason-required"))
            .MaximumLength(ReviewDecisions.MaxReasonLength).WithMessage(_ => Labels.Message("review.reason-too-long"))
            .OverridePropertyName(nameof(ReturnForm.Reason));
    }
}
