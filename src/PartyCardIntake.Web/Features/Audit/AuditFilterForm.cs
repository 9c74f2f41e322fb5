using System.Globalization;
using FluentValidation;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>The audit page's filters as the administrator sets them.</summary>
public sealed class AuditFilterForm
{
    public string? UserName { get; set; }

    /// <summary>Text, so that what was typed stays in the box when it is not a number.</summary>
    public string? MemberId { get; set; }

    public AuditAction? Action { get; set; }

    public DateTime? From { get; set; }

    public DateTime? To { get; set; }

    public int? Member => int.TryParse(MemberId?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    public AuditFilter ToFilter(int page, int pageSize) => new(
        string.IsNullOrWhiteSpace(UserName) ? null : UserName.Trim(),
        Member,
        Action is { } action && Enum.IsDefined(action) ? action : null,
        From is { } from ? DateOnly.FromDateTime(from) : null,
        To is { } to ? DateOnly.FromDateTime(to) : null,
        page,
        pageSize);

    /// <summary>
    /// The filters a link may carry (?user=…&amp;member=…&amp;action=…&amp;from=…&amp;to=…). A malformed value is dropped,
    /// never an error: dates as yyyy-MM-dd or dd/MM/yyyy, the action by its name.
    /// </summary>
    public static AuditFilterForm FromQuery(string? user, string? member, string? action, string? from, string? to) => new()
    {
        UserName = string.IsNullOrWhiteSpace(user) ? null : user.Trim(),
        MemberId = int.TryParse(member, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id.ToString(CultureInfo.InvariantCulture) : null,
        Action = Enum.TryParse<AuditAction>(action, ignoreCase: false, out var value) && Enum.IsDefined(value) && !int.TryParse(action, out _) ? value : null,
        From = Date(from),
        To = Date(to),
    };

    private static DateTime? Date(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day.ToDateTime(TimeOnly.MinValue)
            : null;
}

/// <summary>A member id of digits only, and a date range that does not run backwards.</summary>
public sealed class AuditFilterFormValidator : AbstractValidator<AuditFilterForm>
{
    public AuditFilterFormValidator()
    {
        // The longest user name the accounts allow; anything longer cannot match and only fills the page's address.
        RuleFor(f => f.UserName).MaximumLength(256).WithMessage(_ => string.Format(Ui.Culture, Ui.Members_TooLong, 256));

        RuleFor(f => f.MemberId)
            .Must(m => string.IsNullOrWhiteSpace(m) || int.TryParse(m.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out _))
            .WithMessage(_ => Ui.Audit_MemberInvalid);

        RuleFor(f => f.To)
            .Must((form, to) => form.From is not { } from || to is not { } end || end.Date >= from.Date)
            .WithMessage(_ => Ui.Audit_RangeBackwards);
    }
}
