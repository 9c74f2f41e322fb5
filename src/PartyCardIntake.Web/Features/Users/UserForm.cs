using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Users;

/// <summary>The fields of the create and edit forms.</summary>
public sealed class UserForm
{
    /// <summary>True on the create form, where the user name is chosen; it never changes afterwards.</summary>
    public bool IsNew { get; set; }

    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    /// <summary>Required for a commune role, empty for a province role.</summary>
    public int? CommuneId { get; set; }
}

/// <summary>Why a change was refused.</summary>
public enum UserError
{
    NotFound,
    NameInvalid,
    NameTaken,
    DisplayNameRequired,
    DisplayNameLong,
    RoleInvalid,
    CommuneRequired,
    CommuneInvalid,
    CommuneForbidden,
    Self,
    Failed,
}

/// <summary>What a change did: the error, or the user and, once, the new password.</summary>
public sealed record UserChange(UserError? Error, string? UserId = null, string? Password = null)
{
    public bool Succeeded => Error is null;

    public static UserChange Fail(UserError error) => new(error);
}

public static class UserErrors
{
    /// <summary>The Vietnamese sentence for an error.</summary>
    public static string Message(UserError error) => error switch
    {
        UserError.NotFound => Ui.Msg_users_not_found,
        UserError.NameInvalid => Ui.Msg_users_name_invalid,
        UserError.NameTaken => Ui.Msg_users_name_taken,
        UserError.DisplayNameRequired => Ui.Msg_users_display_name_required,
        UserError.DisplayNameLong => Ui.Msg_users_display_name_long,
        UserError.RoleInvalid => Ui.Msg_users_role_invalid,
        UserError.CommuneRequired => Ui.Msg_users_commune_required,
        UserError.CommuneInvalid => Ui.Msg_users_commune_invalid,
        UserError.CommuneForbidden => Ui.Msg_users_commune_forbidden,
        UserError.Self => Ui.Msg_users_self,
        _ => Ui.Msg_users_failed,
    };

    /// <summary>The form field an error belongs beside, or null for one about the whole account.</summary>
    public static string? Field(UserError error) => error switch
    {
        UserError.NameInvalid or UserError.NameTaken => nameof(UserForm.UserName),
        UserError.DisplayNameRequired or UserError.DisplayNameLong => nameof(UserForm.DisplayName),
        UserError.RoleInvalid => nameof(UserForm.Role),
        UserError.CommuneRequired or UserError.CommuneInvalid or UserError.CommuneForbidden => nameof(UserForm.CommuneId),
        _ => null,
    };
}
