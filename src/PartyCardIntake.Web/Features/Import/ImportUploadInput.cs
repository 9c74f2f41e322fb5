using Microsoft.AspNetCore.Components.Forms;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>The upload form: the member file chosen in the browser.</summary>
public sealed class ImportUploadInput
{
    public IBrowserFile? File { get; set; }
}
