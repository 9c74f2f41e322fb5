using PartyCardIntake.Web.Resources;

namespace PartyCardIntake.Web.Features.PreCheck;

/// <summary>The Vietnamese sentence for a refused start of a pre-check, as the panels show it.</summary>
internal static class PreCheckMessages
{
    public static string Message(PreCheckError error) => error switch
    {
        PreCheckError.NoCommune => Ui.PreCheck_Error_NoCommune,
        PreCheckError.CellNotFound => Ui.PreCheck_Error_CellNotFound,
        PreCheckError.AlreadyRunning => Ui.PreCheck_Error_AlreadyRunning,
        PreCheckError.NoMembers => Ui.PreCheck_Error_NoMembers,
        PreCheckError.Forbidden => Ui.PreCheck_Error_Forbidden,
        _ => error.ToString(),
    };
}
