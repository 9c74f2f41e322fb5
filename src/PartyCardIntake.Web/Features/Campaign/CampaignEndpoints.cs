using Microsoft.AspNetCore.Mvc;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Campaign;

internal static class CampaignEndpoints
{
    public static void MapCampaignEndpoints(this IEndpointRouteBuilder app)
    {
        // The planning page (still a static form) narrows its commune's deadline here; the province's window is set
        // on the interactive /campaign page through CampaignService.
        app.MapPost("/campaign/commune", async ([FromForm] string? deadline, CampaignService campaign) =>
                (string.IsNullOrWhiteSpace(deadline) || Date(deadline) is not null ? await campaign.SetCommuneDeadlineAsync(Date(deadline)) : "campaign.dates-required") is { } error
                    ? Results.LocalRedirect($"/planning?error={error}")
                    : Results.LocalRedirect("/planning?deadlineSaved=true"))
            .RequireAuthorization(Policies.SiteManagers)
            .ExcludeFromDescription();
    }

    // An empty date field means "none"; the browser's date input sends yyyy-MM-dd.
    private static DateOnly? Date(string? value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var date) ? date : null;
}
