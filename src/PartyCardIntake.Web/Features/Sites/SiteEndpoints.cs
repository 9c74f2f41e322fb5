using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using PartyCardIntake.Core.Planning;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Sites;

internal static class SiteEndpoints
{
    public static void MapSiteEndpoints(this IEndpointRouteBuilder app)
    {
        var sites = app.MapGroup("/sites").RequireAuthorization(Policies.SiteManagers).ExcludeFromDescription();

        // Posts go to "/sites/{id}/save" and "/sites/create": the page routes themselves answer the GETs.
        sites.MapPost("/create", async (HttpContext context, IAntiforgery antiforgery, SiteService service) => await SaveAsync(null, context, antiforgery, service));
        sites.MapPost("/{id:int}/save", async (int id, HttpContext context, IAntiforgery antiforgery, SiteService service) => await SaveAsync(id, context, antiforgery, service));
    }

    private static async Task<IResult> SaveAsync(int? id, HttpContext context, IAntiforgery antiforgery, SiteService service)
    {
        // The form is read by hand (device fields are dynamic), so the token is checked by hand too.
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect(id is null ? "/sites/new?error=form.expired" : $"/sites/{id}?error=form.expired");
        }

        var form = await context.Request.ReadFormAsync();
        var devices = form.Keys
            .Where(k => k.StartsWith("device_", StringComparison.Ordinal) && k.EndsWith("_name", StringComparison.Ordinal))
            .Select(k => int.TryParse(k.AsSpan(7, k.Length - 12), NumberStyles.None, CultureInfo.InvariantCulture, out var deviceId)
                ? (deviceId, (string?)form[k].ToString(), form[$"device_{deviceId}_active"] == "true")
                : (0, null, false))
            .Where(d => d.Item1 > 0)
            .ToList();
        var input = new SiteInput(
            form["name"],
            form["address"],
            int.TryParse(form["minutesPerMember"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var minutes) ? minutes : null,
            int.TryParse(form["recordsPerDevicePerDay"], NumberStyles.Integer, CultureInfo.InvariantCulture, out var records) ? records : null,
            SiteSchedule.Days.ToDictionary(d => d, d => (string?)form[$"hours_{d}"].ToString()),
            form["specialDays"],
            devices,
            form["newDevice"]);
        var (savedId, error) = await service.SaveAsync(id, input);
        return error switch
        {
            null => Results.LocalRedirect("/sites?saved=true"),
            "member.not-found" => Results.NotFound(),
            _ => Results.LocalRedirect(id is null ? $"/sites/new?error={error}" : $"/sites/{id}?error={error}"),
        };
    }
}
