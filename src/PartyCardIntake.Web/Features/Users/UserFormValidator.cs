using FluentValidation;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Users;

/// <summary>
/// The rules a user form must meet before <see cref="UserAdmin"/> is asked: a user name of plain letters, digits and
/// . _ - (3–50), a display name of 1–200 characters once normalised, a known role, and a commune exactly when the
/// role belongs to one. That the name is free and the commune is the province's own is checked by the service.
/// </summary>
public sealed class UserFormValidator : AbstractValidator<UserForm>
{
    public const int DisplayNameMax = 200;

    public UserFormValidator()
    {
        When(f => f.IsNew, () =>
            RuleFor(f => f.UserName)
                .Must(UserAdmin.IsValidUserName).WithMessage(_ => Ui.Msg_users_name_invalid));

        RuleFor(f => f.DisplayName).Cascade(CascadeMode.Stop)
            .Must(n => VietnameseText.Normalize(n).Length > 0).WithMessage(_ => Ui.Msg_users_display_name_required)
            .Must(n => VietnameseText.Normalize(n).Length <= DisplayNameMax).WithMessage(_ => Ui.Msg_users_display_name_long)
            .Must(n => TextRules.IsPersonName(VietnameseText.Normalize(n))).WithMessage(_ => Ui.Validation_NameLetters);

        RuleFor(f => f.Role)
            .Must(r => AppRoles.All.Contains(r)).WithMessage(_ => Ui.Msg_users_role_invalid);

        RuleFor(f => f.CommuneId)
            .NotNull().WithMessage(_ => Ui.Msg_users_commune_required)
            .When(f => f.Role is { } role && AppRoles.All.Contains(role) && AppRoles.IsCommuneRole(role));

        RuleFor(f => f.CommuneId)
            .Null().WithMessage(_ => Ui.Msg_users_commune_forbidden)
            .When(f => f.Role is { } role && AppRoles.All.Contains(role) && !AppRoles.IsCommuneRole(role));
    }
}
