using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Infrastructure.Database;
using PartyCardIntake.Web.Features.Desk;

namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// On a laptop the photo and signature rules are the station's, as the kit carries them, not the laptop's own
/// settings. Read when the desk first needs them: after the kit's import (no desk opens before), or at start; a
/// later kit's rules apply after a restart.
/// </summary>
internal static class FieldCaptureRules
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Apply(MediaOptions options, ISystemDbContextFactory factory, ILogger logger)
    {
        using var db = factory.CreateDbContext();
        var json = db.FieldKitStates.AsNoTracking().Select(s => s.CaptureRulesJson).FirstOrDefault();
        if (string.IsNullOrWhiteSpace(json))
        {
            return;
        }

        try
        {
            if (JsonSerializer.Deserialize<MediaOptions>(json, Json) is { } rules)
            {
                options.Photo = rules.Photo;
                options.Signature = rules.Signature;
            }
        }
        catch (JsonException e)
        {
            // The kit's signature held, so this is a format the laptop does not know: its own settings stay.
            logger.LogWarning(e, "The kit's capture rules could not be read; the laptop's own media settings apply");
        }
    }
}
