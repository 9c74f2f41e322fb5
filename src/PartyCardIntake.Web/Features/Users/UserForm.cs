namespace PartyCardIntake.Web.Features.Users;

/// <summary>The fields of the create and edit forms, as posted (the commune arrives as the select's text).</summary>
public sealed class UserForm
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Role { get; set; }

    public string? CommuneId { get; set; }
}

/// <summary>What a change did: an error code (shown through <c>Labels.Message</c>), or the user and, once, the new password.</summary>
public sealed record UserChange(string? Error, string? UserId = null, string? Password = null)
{
    public bool Succeeded => Error is null;

    public static UserChange Fail(string code) => new(code);
}

public static class UserErrors
{
    public const string NotFound = "users.not-found";
    public const string NameInvalid = "users.name-invalid";
    public const string NameTaken = "users.name-taken";
    public const string DisplayNameRequired = "users.display-name-required";
    public const string DisplayNameLong = "users.display-name-long";
    public const string RoleInvalid = "users.role-invalid";
    public const string CommuneRequired = "users.commune-required";
    public const string CommuneInvalid = "users.commune-invalid";
    public const string CommuneForbidden = "users.commune-forbidden";
    public const string Self = "users.self";
    public const string Failed = "users.failed";
}
