using PartyCardIntake.Core.Domain;

namespace PartyCardIntake.Web.Features.Audit;

/// <summary>
/// Lets a page's form handler say what its post did, for the entry <see cref="AuditMiddleware"/> writes: the action, and a
/// short note added to the target ("user=… disabled"). Never a name, a password or an ID number.
/// </summary>
public sealed record AuditNote(AuditAction Action, string Text)
{
    private static readonly object Key = new();

    public static void Set(HttpContext? context, AuditAction action, string text)
    {
        if (context is not null)
        {
            context.Items[Key] = new AuditNote(action, text);
        }
    }

    internal static AuditNote? Of(HttpContext context) => context.Items.TryGetValue(Key, out var note) ? note as AuditNote : null;
}
