namespace PartyCardIntake.Web.Features.Members;

/// <summary>The member list, a member's record and history, exemptions, exports and the member API.</summary>
internal static class MembersFeature
{
    public static WebApplicationBuilder AddMembers(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<MemberQueries>();
        services.AddScoped<MemberAdmin>();
        services.AddScoped<MemberHistory>();
        services.AddScoped<MemberExportQueries>();
        services.AddScoped<MemberExport>();
        return builder;
    }

    public static void MapMembers(this IEndpointRouteBuilder app, RouteGroupBuilder api)
    {
        app.MapMemberExportEndpoints();
        api.MapMemberApi();
    }
}
