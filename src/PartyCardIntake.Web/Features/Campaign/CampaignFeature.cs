namespace PartyCardIntake.Web.Features.Campaign;

/// <summary>The province's campaign: start, deadline and commune targets.</summary>
internal static class CampaignFeature
{
    public static WebApplicationBuilder AddCampaign(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<CampaignService>();
        return builder;
    }

    public static void MapCampaign(this IEndpointRouteBuilder app)
    {
        // Pages only: the campaign page and the planning page's commune deadline call CampaignService in their circuits.
    }
}
