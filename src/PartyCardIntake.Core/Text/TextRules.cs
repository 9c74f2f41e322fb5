namespace PartyCardIntake.Core.Text;

/// <summary>
/// What typed text may hold. Markup is escaped wherever text is shown, but a name that carries it travels on into
/// PDFs, spreadsheets and the registry, so names and addresses refuse it at the door.
/// </summary>
public static class TextRules
{
    /// <summary>Characters that start markup or a script; no name, cell or address needs them.</summary>
    private static readonly char[] Markup = ['<', '>'];

    /// <summary>No markup and no control characters; empty text is plain.</summary>
    public static bool IsPlain(string? text) =>
        text is null || (text.IndexOfAny(Markup) < 0 && !text.Any(char.IsControl));

    /// <summary>A person's name: at least one letter, and plain.</summary>
    public static bool IsPersonName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Any(char.IsLetter) && IsPlain(name);
}
