using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Users;

/// <summary>
/// An Admin's changes to the users of their province. Whenever what a user may do changes (role, commune, password,
/// disabled) their security stamp is renewed, which refuses their bearer tokens, and their session rows are deleted,
/// which signs their browsers out at once on every node.
/// </summary>
public sealed partial class UserAdmin(
    UserManager<AppUser> users,
    IDbContextFactory<AppDbContext> factory,
    CurrentUser current,
    UserQueries queries,
    TimeProvider clock)
{
    private sealed record Scope(string DisplayName, string Role, int? CommuneId);

    public async Task<UserChange> CreateAsync(UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (current.ProvinceId is not { } province)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        var userName = form.UserName?.Trim() ?? string.Empty;
        if (!UserNamePattern().IsMatch(userName))
        {
            return UserChange.Fail(UserErrors.NameInvalid);
        }

        var (scope, error) = await ReadScopeAsync(form, province, cancellationToken);
        if (scope is null)
        {
            return UserChange.Fail(error!);
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return UserChange.Fail(UserErrors.NameTaken);
        }

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = scope.DisplayName,
            ProvinceId = province,
            CommuneId = scope.CommuneId,
            MustChangePassword = true,
            LockoutEnabled = true,
        };
        var password = await PasswordForAsync(user);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Two Admins choosing one name at the same moment: the unique index decides.
            return UserChange.Fail(created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? UserErrors.NameTaken : UserErrors.Failed);
        }

        if (!(await users.AddToRoleAsync(user, scope.Role)).Succeeded)
        {
            await users.DeleteAsync(user);
            return UserChange.Fail(UserErrors.Failed);
        }

        return new UserChange(null, user.Id, password);
    }

    public async Task<UserChange> UpdateAsync(string id, UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var user = await FindAsync(id, cancellationToken);
        if (user is null || current.ProvinceId is not { } province)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        var (scope, error) = await ReadScopeAsync(form, province, cancellationToken);
        if (scope is null)
        {
            return UserChange.Fail(error!);
        }

        var roles = await users.GetRolesAsync(user);
        var roleChanged = roles.Count != 1 || roles[0] != scope.Role;
        var scopeChanged = roleChanged || user.CommuneId != scope.CommuneId;
        if (scopeChanged && IsSelf(user))
        {
            // An Admin who moved themself out of the role could not undo it.
            return UserChange.Fail(UserErrors.Self);
        }

        user.DisplayName = scope.DisplayName;
        user.CommuneId = scope.CommuneId;
        if (!(await users.UpdateAsync(user)).Succeeded)
        {
            return UserChange.Fail(UserErrors.Failed);
        }

        if (roleChanged && (!(await users.RemoveFromRolesAsync(user, roles)).Succeeded || !(await users.AddToRoleAsync(user, scope.Role)).Succeeded))
        {
            return UserChange.Fail(UserErrors.Failed);
        }

        return scopeChanged ? await EndSessionsAsync(user, cancellationToken) : new UserChange(null, user.Id);
    }

    /// <summary>A new temporary password, shown once; the old one, the lockout and every session end.</summary>
    public async Task<UserChange> ResetPasswordAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        if (IsSelf(user))
        {
            return UserChange.Fail(UserErrors.Self);
        }

        user.MustChangePassword = true;
        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        var password = await PasswordForAsync(user);

        // Resetting through a token replaces the hash in one write and renews the security stamp.
        var token = await users.GeneratePasswordResetTokenAsync(user);
        if (!(await users.ResetPasswordAsync(user, token, password)).Succeeded)
        {
            return UserChange.Fail(UserErrors.Failed);
        }

        await DeleteSessionsAsync(user.Id, cancellationToken);
        return new UserChange(null, user.Id, password);
    }

    public async Task<UserChange> DisableAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        if (IsSelf(user))
        {
            return UserChange.Fail(UserErrors.Self);
        }

        // Written before the sessions go, so that no sign-in can slip in between.
        user.DisabledAt ??= clock.GetUtcNow().UtcDateTime;
        return await EndSessionsAsync(user, cancellationToken);
    }

    public async Task<UserChange> EnableAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        user.DisabledAt = null;
        return await SaveAsync(user);
    }

    /// <summary>
    /// For a user who lost the phone with their authenticator app and their recovery codes: two-factor sign-in is
    /// turned off, the shared key and the codes are replaced (whoever holds the phone can no longer use them), and
    /// every session ends; the user signs in with their password and may enrol a new phone.
    /// </summary>
    public async Task<UserChange> TurnOffTwoFactorAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        if (IsSelf(user))
        {
            // Their own page does it, after asking for a code.
            return UserChange.Fail(UserErrors.Self);
        }

        // A new key nobody holds replaces the old one, and an empty list the recovery codes.
        if (!(await users.SetTwoFactorEnabledAsync(user, false)).Succeeded
            || !(await users.ResetAuthenticatorKeyAsync(user)).Succeeded
            || await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is null)
        {
            return UserChange.Fail(UserErrors.Failed);
        }

        return await EndSessionsAsync(user, cancellationToken);
    }

    public async Task<UserChange> UnlockAsync(string id, CancellationToken cancellationToken = default)
    {
        var user = await FindAsync(id, cancellationToken);
        if (user is null)
        {
            return UserChange.Fail(UserErrors.NotFound);
        }

        user.LockoutEnd = null;
        user.AccessFailedCount = 0;
        return await SaveAsync(user);
    }

    private async Task<UserChange> SaveAsync(AppUser user) =>
        (await users.UpdateAsync(user)).Succeeded ? new UserChange(null, user.Id) : UserChange.Fail(UserErrors.Failed);

    /// <summary>The user, only when they belong to the Admin's province: any other id is "not found".</summary>
    private async Task<AppUser?> FindAsync(string id, CancellationToken cancellationToken) =>
        await queries.FindAsync(id, cancellationToken) is null ? null : await users.FindByIdAsync(id);

    private bool IsSelf(AppUser user) => string.Equals(user.Id, current.UserId, StringComparison.Ordinal);

    /// <summary>Saves the user with a new security stamp (refusing their tokens), then deletes their sessions.</summary>
    private async Task<UserChange> EndSessionsAsync(AppUser user, CancellationToken cancellationToken)
    {
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return UserChange.Fail(UserErrors.Failed);
        }

        await DeleteSessionsAsync(user.Id, cancellationToken);
        return new UserChange(null, user.Id);
    }

    private async Task DeleteSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<(Scope? Scope, string? Error)> ReadScopeAsync(UserForm form, int province, CancellationToken cancellationToken)
    {
        var displayName = VietnameseText.Normalize(form.DisplayName);
        if (displayName.Length == 0)
        {
            return (null, UserErrors.DisplayNameRequired);
        }

        if (displayName.Length > 200)
        {
            return (null, UserErrors.DisplayNameLong);
        }

        if (AppRoles.All.FirstOrDefault(r => r == form.Role) is not { } role)
        {
            return (null, UserErrors.RoleInvalid);
        }

        var communeText = form.CommuneId?.Trim();
        if (!AppRoles.IsCommuneRole(role))
        {
            return string.IsNullOrEmpty(communeText) ? (new Scope(displayName, role, null), null) : (null, UserErrors.CommuneForbidden);
        }

        if (string.IsNullOrEmpty(communeText))
        {
            return (null, UserErrors.CommuneRequired);
        }

        if (!int.TryParse(communeText, NumberStyles.None, CultureInfo.InvariantCulture, out var commune))
        {
            return (null, UserErrors.CommuneInvalid);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Communes.AnyAsync(c => c.Id == commune && c.ProvinceId == province, cancellationToken)
            ? (new Scope(displayName, role, commune), null)
            : (null, UserErrors.CommuneInvalid);
    }

    /// <summary>
    /// A random password can still, rarely, hold the user's name or a listed word; the password rules
    /// would then refuse it, so draw again instead of failing the Admin's request.
    /// </summary>
    private async Task<string> PasswordForAsync(AppUser user)
    {
        for (var attempt = 0; ; attempt++)
        {
            var password = TemporaryPassword.Create();
            var fine = true;
            foreach (var validator in users.PasswordValidators)
            {
                fine &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            }

            if (fine || attempt == 9)
            {
                return password;
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,50}\z")]
    private static partial Regex UserNamePattern();
}
