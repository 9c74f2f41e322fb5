using FluentValidation.Results;

namespace PartyCardIntake.Web.Components.Forms;

/// <summary>What became of a form's save.</summary>
public enum SaveStatus
{
    Saved = 1,

    /// <summary>No such row in the user's commune (another commune's rows do not exist for them).</summary>
    NotFound = 2,

    /// <summary>The user's role may not make this change.</summary>
    Forbidden = 3,

    /// <summary>The form broke a rule; <see cref="SaveResult.Errors"/> say which, by field path.</summary>
    Invalid = 4,
}

/// <summary>A save's outcome, with the new row's id and the refusals by field path for the form to show beside each field.</summary>
public sealed record SaveResult(SaveStatus Status, int? Id = null, IReadOnlyList<ValidationFailure>? Errors = null)
{
    public IReadOnlyList<ValidationFailure> Errors { get; } = Errors ?? [];

    public static SaveResult Invalid(string property, string message) => new(SaveStatus.Invalid, null, [new ValidationFailure(property, message)]);
}
