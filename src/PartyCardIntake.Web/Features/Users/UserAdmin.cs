using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Identity;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Web.Features.Audit;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Users;

/// <summary>
/// An Admin's changes to the users of their province. Whenever what a user may do changes (role, commune, password,
/// disabled) their security stamp is renewed, which refuses their bearer tokens, and their session rows are deleted,
/// which signs their browsers out at once on every node and their open interactive pages at the circuit's next
/// revalidation. Every change, done or refused, is written to the audit trail.
/// </summary>
/// <remarks>
/// A page's circuit lives for hours; Identity's user manager tracks the users it reads in its context, which would
/// then be stale (a lockout counted since, a stamp renewed). Each operation takes its own scope, so its own
/// <see cref="UserManager{TUser}"/> and context.
/// </remarks>
public sealed partial class UserAdmin(
    IServiceScopeFactory scopes,
    IDbContextFactory<AppDbContext> factory,
    CurrentUser current,
    UserQueries queries,
    AuditLog audit,
    TimeProvider clock)
{
    private sealed record Scope(string DisplayName, string Role, int? CommuneId);

    public static bool IsValidUserName(string? userName) => UserNamePattern().IsMatch(userName?.Trim() ?? string.Empty);

    public async Task<UserChange> CreateAsync(UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        var change = await CreateCoreAsync(form, cancellationToken);
        await RecordAsync(change, change.UserId, "created", cancellationToken);
        return change;
    }

    public Task<UserChange> UpdateAsync(string id, UserForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        return RunAsync(id, "saved", async (users, user) =>
        {
            var (scope, error) = await ReadScopeAsync(form, current.ProvinceId!.Value, cancellationToken);
            if (scope is null)
            {
                return UserChange.Fail(error!.Value);
            }

            var roles = await users.GetRolesAsync(user);
            var roleChanged = roles.Count != 1 || roles[0] != scope.Role;
            var scopeChanged = roleChanged || user.CommuneId != scope.CommuneId;
            if (scopeChanged && IsSelf(user))
            {
                // An Admin who moved themself out of the role could not undo it.
                return UserChange.Fail(UserError.Self);
            }

            user.DisplayName = scope.DisplayName;
            user.CommuneId = scope.CommuneId;
            if (!(await users.UpdateAsync(user)).Succeeded)
            {
                return UserChange.Fail(UserError.Failed);
            }

            if (roleChanged && (!(await users.RemoveFromRolesAsync(user, roles)).Succeeded || !(await users.AddToRoleAsync(user, scope.Role)).Succeeded))
            {
                return UserChange.Fail(UserError.Failed);
            }

            return scopeChanged ? await EndSessionsAsync(users, user, cancellationToken) : new UserChange(null, user.Id);
        }, cancellationToken);
    }

    /// <summary>A new temporary password, shown once; the old one, the lockout and every session end.</summary>
    public Task<UserChange> ResetPasswordAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "password-reset", async (users, user) =>
        {
            if (IsSelf(user))
            {
                return UserChange.Fail(UserError.Self);
            }

            user.MustChangePassword = true;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            var password = await PasswordForAsync(users, user);

            // Resetting through a token replaces the hash in one write and renews the security stamp.
            var token = await users.GeneratePasswordResetTokenAsync(user);
            if (!(await users.ResetPasswordAsync(user, token, password)).Succeeded)
            {
                return UserChange.Fail(UserError.Failed);
            }

            await DeleteSessionsAsync(user.Id, cancellationToken);
            return new UserChange(null, user.Id, password);
        }, cancellationToken);

    public Task<UserChange> DisableAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "disabled", async (users, user) =>
        {
            if (IsSelf(user))
            {
                return UserChange.Fail(UserError.Self);
            }

            // Written before the sessions go, so that no sign-in can slip in between.
            user.DisabledAt ??= clock.GetUtcNow().UtcDateTime;
            return await EndSessionsAsync(users, user, cancellationToken);
        }, cancellationToken);

    public Task<UserChange> EnableAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "enabled", async (users, user) =>
        {
            user.DisabledAt = null;
            return await SaveAsync(users, user);
        }, cancellationToken);

    /// <summary>Signs the user out everywhere (a shared computer left signed in, a stolen phone) without other change.</summary>
    public Task<UserChange> EndAllSessionsAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "sessions-ended", async (users, user) =>
            IsSelf(user) ? UserChange.Fail(UserError.Self) : await EndSessionsAsync(users, user, cancellationToken), cancellationToken);

    /// <summary>
    /// For a user who lost the phone with their authenticator app and their recovery codes: two-factor sign-in is
    /// turned off, the shared key and the codes are replaced (whoever holds the phone can no longer use them), and
    /// every session ends; the user signs in with their password and may enrol a new phone.
    /// </summary>
    public Task<UserChange> TurnOffTwoFactorAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "two-factor-off", async (users, user) =>
        {
            if (IsSelf(user))
            {
                // Their own page does it, after asking for a code.
                return UserChange.Fail(UserError.Self);
            }

            // A new key nobody holds replaces the old one, and an empty list the recovery codes.
            if (!(await users.SetTwoFactorEnabledAsync(user, false)).Succeeded
                || !(await users.ResetAuthenticatorKeyAsync(user)).Succeeded
                || await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0) is null)
            {
                return UserChange.Fail(UserError.Failed);
            }

            return await EndSessionsAsync(users, user, cancellationToken);
        }, cancellationToken);

    public Task<UserChange> UnlockAsync(string id, CancellationToken cancellationToken = default) =>
        RunAsync(id, "unlocked", async (users, user) =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return await SaveAsync(users, user);
        }, cancellationToken);

    private async Task<UserChange> CreateCoreAsync(UserForm form, CancellationToken cancellationToken)
    {
        if (!current.IsInRole(AppRoles.Admin) || current.ProvinceId is not { } province)
        {
            return UserChange.Fail(UserError.NotFound);
        }

        var userName = form.UserName?.Trim() ?? string.Empty;
        if (!IsValidUserName(userName))
        {
            return UserChange.Fail(UserError.NameInvalid);
        }

        var (scope, error) = await ReadScopeAsync(form, province, cancellationToken);
        if (scope is null)
        {
            return UserChange.Fail(error!.Value);
        }

        await using var services = scopes.CreateAsyncScope();
        var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        if (await users.FindByNameAsync(userName) is not null)
        {
            return UserChange.Fail(UserError.NameTaken);
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
        var password = await PasswordForAsync(users, user);
        var created = await users.CreateAsync(user, password);
        if (!created.Succeeded)
        {
            // Two Admins choosing one name at the same moment: the unique index decides.
            return UserChange.Fail(created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? UserError.NameTaken : UserError.Failed);
        }

        if (!(await users.AddToRoleAsync(user, scope.Role)).Succeeded)
        {
            await users.DeleteAsync(user);
            return UserChange.Fail(UserError.Failed);
        }

        return new UserChange(null, user.Id, password);
    }

    /// <summary>
    /// Runs a change on a user of the Admin's own province, read afresh in a scope of its own; any other id, and any
    /// caller who is not an Admin, gets "not found" and nothing is tried.
    /// </summary>
    private async Task<UserChange> RunAsync(string id, string action, Func<UserManager<AppUser>, AppUser, Task<UserChange>> change, CancellationToken cancellationToken)
    {
        UserChange result;
        if (!current.IsInRole(AppRoles.Admin) || current.ProvinceId is null || await queries.FindAsync(id, cancellationToken) is null)
        {
            result = UserChange.Fail(UserError.NotFound);
        }
        else
        {
            await using var services = scopes.CreateAsyncScope();
            var users = services.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            result = await users.FindByIdAsync(id) is { } user ? await change(users, user) : UserChange.Fail(UserError.NotFound);
        }

        await RecordAsync(result, id, action, cancellationToken);
        return result;
    }

    /// <summary>An entry naming the user by id (never by name) and what was done or why it was refused; never a password.</summary>
    private Task RecordAsync(UserChange change, string? id, string action, CancellationToken cancellationToken) =>
        audit.RecordAsync(
            AuditAction.Admin,
            target: change.Succeeded ? $"user={id} {action}" : $"user={id ?? "-"} {action} refused {change.Error}",
            cancellationToken: cancellationToken);

    private static async Task<UserChange> SaveAsync(UserManager<AppUser> users, AppUser user) =>
        (await users.UpdateAsync(user)).Succeeded ? new UserChange(null, user.Id) : UserChange.Fail(UserError.Failed);

    private bool IsSelf(AppUser user) => string.Equals(user.Id, current.UserId, StringComparison.Ordinal);

    /// <summary>Saves the user with a new security stamp (refusing their tokens), then deletes their sessions.</summary>
    private async Task<UserChange> EndSessionsAsync(UserManager<AppUser> users, AppUser user, CancellationToken cancellationToken)
    {
        if (!(await users.UpdateSecurityStampAsync(user)).Succeeded)
        {
            return UserChange.Fail(UserError.Failed);
        }

        await DeleteSessionsAsync(user.Id, cancellationToken);
        return new UserChange(null, user.Id);
    }

    private async Task DeleteSessionsAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.UserSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    private async Task<(Scope? Scope, UserError? Error)> ReadScopeAsync(UserForm form, int province, CancellationToken cancellationToken)
    {
        var displayName = VietnameseText.Normalize(form.DisplayName);
        if (displayName.Length == 0)
        {
            return (null, UserError.DisplayNameRequired);
        }

        if (displayName.Length > UserFormValidator.DisplayNameMax)
        {
            return (null, UserError.DisplayNameLong);
        }

        if (AppRoles.All.FirstOrDefault(r => r == form.Role) is not { } role)
        {
            return (null, UserError.RoleInvalid);
        }

        if (!AppRoles.IsCommuneRole(role))
        {
            return form.CommuneId is null ? (new Scope(displayName, role, null), null) : (null, UserError.CommuneForbidden);
        }

        if (form.CommuneId is not { } commune)
        {
            return (null, UserError.CommuneRequired);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Communes.AnyAsync(c => c.Id == commune && c.ProvinceId == province, cancellationToken)
            ? (new Scope(displayName, role, commune), null)
            : (null, UserError.CommuneInvalid);
    }

    /// <summary>
    /// A random password can still, rarely, hold the user's name or a listed word; the password rules
    /// would then refuse it, so draw again instead of failing the Admin's request.
    /// </summary>
    private static async Task<string> PasswordForAsync(UserManager<AppUser> users, AppUser user)
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
