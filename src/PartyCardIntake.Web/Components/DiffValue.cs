using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using PartyCardIntake.Core.Registry;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Components;

/// <summary>
/// A compared value with the letters that differ from the other side in &lt;mark class="diff-char"&gt;; the
/// same markup for the static desk and the MudBlazor pages, each styling it in its own stylesheet.
/// </summary>
public sealed class DiffValue : ComponentBase
{
    /// <summary>Shown as it is when there are no <see cref="Segments"/>.</summary>
    [Parameter]
    public string? Value { get; set; }

    [Parameter]
    public IReadOnlyList<DiffSegment>? Segments { get; set; }

    /// <summary>The segments of one side, or null when the field agrees and nothing is to be marked.</summary>
    public static (IReadOnlyList<DiffSegment>? Party, IReadOnlyList<DiffSegment>? Registry) Of(FieldComparison field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Severity == FieldSeverity.Same)
        {
            return (null, null);
        }

        var diff = CharacterDiff.Compute(field.PartyValue, field.RegistryValue);
        return (diff.Left, diff.Right);
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Built by hand: markup would put whitespace between the pieces of one word.
        if (Segments is null)
        {
            builder.AddContent(0, Value);
            return;
        }

        foreach (var segment in Segments)
        {
            if (!segment.Differs)
            {
                builder.AddContent(1, segment.Text);
                continue;
            }

            builder.OpenElement(2, "mark");
            builder.AddAttribute(3, "class", "diff-char");
            builder.AddAttribute(4, "data-testid", "diff-char");
            builder.AddAttribute(5, "title", Ui.Desk_DiffMark);
            builder.AddContent(6, segment.Text);
            builder.CloseElement();
        }
    }
}
