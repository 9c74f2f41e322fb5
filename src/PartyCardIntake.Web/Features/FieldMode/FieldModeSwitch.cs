using PartyCardIntake.Core.Field;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>Whether this process runs on a visiting laptop; read from configuration while services are being added.</summary>
internal static class FieldModeSwitch
{
    public static bool IsOn(IConfiguration configuration) =>
        configuration.GetValue<bool>($"{FieldOptions.Section}:{nameof(FieldOptions.Enabled)}");
}
