using FluentValidation;

namespace PartyCardIntake.ComponentTests;

/// <summary>A form with a list inside, as the site form has its seven days.</summary>
public sealed class WeekForm
{
    public string? Name { get; set; }

    public List<DayForm> Days { get; set; } = [new() { Label = "Thứ Hai" }, new() { Label = "Thứ Ba" }, new() { Label = "Thứ Tư" }];
}

public sealed class DayForm
{
    public string Label { get; set; } = string.Empty;

    public string? Opens { get; set; }
}

public sealed class WeekFormValidator : AbstractValidator<WeekForm>
{
    public WeekFormValidator()
    {
        RuleFor(f => f.Name).NotEmpty().WithMessage("Nhập tên.");
        RuleFor(f => f.Days).Must(days => days.Exists(d => !string.IsNullOrEmpty(d.Opens))).WithMessage("Mở cửa ít nhất một ngày.");
        RuleForEach(f => f.Days).ChildRules(day =>
            day.RuleFor(d => d.Opens).Matches("^[0-2][0-9]:[0-5][0-9]$").WithMessage(d => $"{d.Label}: giờ mở cửa chưa đúng."));
    }
}
