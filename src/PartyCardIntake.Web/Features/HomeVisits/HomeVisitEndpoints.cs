using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.HomeVisits;

/// <summary>
/// Form posts of the home-visit page (station lead). Each answers with a redirect back to the page; a
/// refusal carries its code and what was typed in the times and officer, so the form opens filled again.
/// </summary>
internal static class HomeVisitEndpoints
{
    public static void MapHomeVisitEndpoints(this IEndpointRouteBuilder app)
    {
        // Posts go to paths of their own: "/home-visits" and "/home-visits/mine" are page routes.
        var visits = app.MapGroup("/home-visits").RequireAuthorization(Policies.HomeVisitManagers).ExcludeFromDescription();

        visits.MapPost("/create", async (HttpContext context, IAntiforgery antiforgery, HomeVisitService service) =>
        {
            if (await ReadAsync(context, antiforgery) is not { } form)
            {
                return Back("error=form-expired");
            }

            if (!int.TryParse(form["memberId"], NumberStyles.None, CultureInfo.InvariantCulture, out var memberId))
            {
                return Results.NotFound();
            }

            var input = Input(form);
            var (visitId, error) = await service.CreateAsync(memberId, input);
            return error switch
            {
                null => Back($"done=created&visit={visitId}", $"v-{visitId}"),
                HomeVisitService.NotFound => Results.NotFound(),
                _ => Back($"error={error}&member={memberId}{Typed(input)}", $"m-{memberId}"),
            };
        });

        visits.MapPost("/{id:int}/reschedule", async (int id, HttpContext context, IAntiforgery antiforgery, HomeVisitService service) =>
        {
            if (await ReadAsync(context, antiforgery) is not { } form)
            {
                return Back("error=form-expired");
            }

            var input = Input(form);
            return await service.RescheduleAsync(id, input) switch
            {
                null => Back($"done=rescheduled&visit={id}", $"v-{id}"),
                HomeVisitService.NotFound => Results.NotFound(),
                var error => Back($"error={error}&visit={id}{Typed(input)}", $"v-{id}"),
            };
        });

        visits.MapPost("/{id:int}/cancel", async (int id, HttpContext context, IAntiforgery antiforgery, HomeVisitService service) =>
            await CloseAsync(id, context, antiforgery, () => service.CancelAsync(id), "cancelled"));

        visits.MapPost("/{id:int}/missed", async (int id, HttpContext context, IAntiforgery antiforgery, HomeVisitService service) =>
            await CloseAsync(id, context, antiforgery, () => service.MarkMissedAsync(id), "missed"));
    }

    private static async Task<IResult> CloseAsync(int id, HttpContext context, IAntiforgery antiforgery, Func<Task<string?>> action, string done)
    {
        if (await ReadAsync(context, antiforgery) is null)
        {
            return Back("error=form-expired");
        }

        return await action() switch
        {
            null => Back($"done={done}&visit={id}", $"v-{id}"),
            HomeVisitService.NotFound => Results.NotFound(),
            var error => Back($"error={error}&visit={id}", $"v-{id}"),
        };
    }

    /// <summary>The form, or null when it is not a form or its token is stale (checked by hand: the form is read by hand).</summary>
    private static async Task<IFormCollection?> ReadAsync(HttpContext context, IAntiforgery antiforgery) =>
        context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context)
            ? await context.Request.ReadFormAsync()
            : null;

    private static HomeVisitInput Input(IFormCollection form) =>
        new(form["date"], form["start"], form["duration"], form["officerId"], form["team"], form["address"], form["note"]);

    /// <summary>Times, officer and team go back into the form; address and note are personal data and stay out of URLs.</summary>
    private static string Typed(HomeVisitInput input) =>
        $"&date={Escape(input.Date)}&start={Escape(input.Start)}&duration={Escape(input.Duration)}&officer={Escape(input.OfficerId)}&team={Escape(input.Team)}";

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? string.Empty);

    private static IResult Back(string query, string? anchor = null) =>
        Results.LocalRedirect(anchor is null ? $"/home-visits?{query}" : $"/home-visits?{query}#{anchor}");
}
