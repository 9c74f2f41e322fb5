using System.Text.Json;
using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.Desk;

/// <summary>The messages desk.js shows, from the same resources as the pages.</summary>
internal static class DeskScriptText
{
    // The default encoder escapes '<' and '>', so the JSON cannot close its script element early.
    public static string Json => JsonSerializer.Serialize(Values);

    /// <summary>The same messages for the desk's JS module, handed over when it attaches.</summary>
    public static IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>
    {
        ["cameraUnavailable"] = Ui.Desk_Js_CameraUnavailable,
        ["cameraReady"] = Ui.Desk_Js_CameraReady,
        ["photoTaken"] = Ui.Desk_Js_PhotoTaken,
        ["photoMissing"] = Ui.Desk_Js_PhotoMissing,
        ["photoUnreadable"] = Ui.Desk_Js_PhotoUnreadable,
        ["photoTooSmall"] = Ui.Desk_Js_PhotoTooSmall,
        ["cameraTooSmall"] = Ui.Desk_Js_CameraTooSmall,
        ["signatureMissing"] = Ui.Desk_Js_SignatureMissing,
        ["saving"] = Ui.Desk_Js_Saving,
        ["network"] = Ui.Desk_Js_Network,
    };
}
