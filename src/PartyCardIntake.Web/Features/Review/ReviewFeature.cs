namespace PartyCardIntake.Web.Features.Review;

/// <summary>The station lead's review of flagged records.</summary>
internal static class ReviewFeature
{
    public static WebApplicationBuilder AddReview(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ReviewQueries>();
        builder.Services.AddScoped<ReviewDecisions>();
        builder.Services.AddScoped<AutoApprovalSetting>();
        return builder;
    }

    public static void MapReview(this IEndpointRouteBuilder app)
    {
        app.MapReviewEndpoints();
    }
}
