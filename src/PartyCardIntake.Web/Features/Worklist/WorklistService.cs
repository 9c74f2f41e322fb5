using FluentValidation;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Web.Features.Members;

namespace PartyCardIntake.Web.Features.Worklist;

/// <summary>How a decision on a worklist item ended.</summary>
public enum WorklistOutcome
{
    Done = 0,

    /// <summary>No such member or item in the user's commune (another commune's: the same answer).</summary>
    NotFound,

    /// <summary>Only the ward committee decides on worklist items.</summary>
    Denied,

    /// <summary>The form's own rules refused it (the validator beside the form says which field).</summary>
    Invalid,

    /// <summary>The member already has an application: an exemption is no longer possible.</summary>
    HasApplication,

    /// <summary>The registry gave no answer to a re-check; the item is as it was.</summary>
    RegistryUnavailable,
}

/// <summary>The answer of a <see cref="WorklistService"/> decision, with its sentence in Vietnamese.</summary>
public sealed record WorklistResult(WorklistOutcome Outcome, string Message)
{
    public static readonly WorklistResult Done = new(WorklistOutcome.Done, string.Empty);

    public bool Succeeded => Outcome == WorklistOutcome.Done;

    internal static WorklistResult Of(MemberChangeResult result) => result.Outcome switch
    {
        MemberChangeOutcome.Done => Done,
        MemberChangeOutcome.NotFound => new(WorklistOutcome.NotFound, result.Message),
        MemberChangeOutcome.Denied => new(WorklistOutcome.Denied, result.Message),
        MemberChangeOutcome.HasApplication => new(WorklistOutcome.HasApplication, result.Message),
        MemberChangeOutcome.RegistryUnavailable => new(WorklistOutcome.RegistryUnavailable, result.Message),
        _ => new(WorklistOutcome.Invalid, result.Message),
    };
}

/// <summary>
/// The committee's decisions from the worklist page: accept a difference (with a reason), note that the member must
/// have the registry corrected, excuse the member (reason, start date, note), check again. Each form is checked by
/// the validator beside its model here too, so that a circuit message that skips the form gets the same answer; the
/// change itself is the member page's (<see cref="MemberAdmin"/>: role check, commune scope, member event, audit).
/// </summary>
public sealed class WorklistService(
    MemberAdmin admin,
    IValidator<AcceptDifferenceForm> acceptRules,
    IValidator<RegistryUpdateForm> updateRules,
    IValidator<ExemptionForm> exemptionRules)
{
    /// <summary>The ward committee of a commune: the one role that decides on items.</summary>
    public bool MayDecide => admin.MayChange;

    public async Task<WorklistResult> AcceptAsync(int memberId, AcceptDifferenceForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(acceptRules, form, cancellationToken) is { } refused)
        {
            return refused;
        }

        return WorklistResult.Of(await admin.AcceptAsync(memberId, form.Reason, cancellationToken));
    }

    public async Task<WorklistResult> RequestRegistryUpdateAsync(int memberId, RegistryUpdateForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(updateRules, form, cancellationToken) is { } refused)
        {
            return refused;
        }

        return WorklistResult.Of(await admin.RequestRegistryUpdateAsync(memberId, form.Note, cancellationToken));
    }

    public async Task<WorklistResult> ExemptAsync(int memberId, ExemptionForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await RefusedAsync(exemptionRules, form, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (!MayDecide)
        {
            // Refused for want of the role (and audited so) whatever the form holds.
            return WorklistResult.Of(await admin.ExemptAsync(memberId, form.Reason ?? ExemptionReason.Other, null, DateOnly.MinValue, cancellationToken));
        }

        var note = string.IsNullOrWhiteSpace(form.Note) ? null : form.Note.Trim();
        return WorklistResult.Of(await admin.ExemptAsync(memberId, form.Reason!.Value, note, DateOnly.FromDateTime(form.On!.Value), cancellationToken));
    }

    public async Task<WorklistResult> RecheckAsync(int memberId, CancellationToken cancellationToken = default) =>
        WorklistResult.Of(await admin.RecheckAsync(memberId, cancellationToken));

    private async Task<WorklistResult?> RefusedAsync<T>(IValidator<T> rules, T form, CancellationToken cancellationToken)
    {
        if (!MayDecide)
        {
            // The role first: a refusal for want of it is the same whatever the form holds.
            return null;
        }

        var result = await rules.ValidateAsync(form, cancellationToken);
        return result.IsValid ? null : new WorklistResult(WorklistOutcome.Invalid, result.Errors[0].ErrorMessage);
    }
}
