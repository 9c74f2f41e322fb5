namespace PartyCardIntake.Web.Features.Worklist;

/// <summary>Which one-text decision the worklist's note dialog makes.</summary>
public enum WorklistNoteKind
{
    Accept,
    RequestUpdate,
}
