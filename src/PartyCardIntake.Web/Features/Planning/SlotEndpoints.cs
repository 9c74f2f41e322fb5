using System.Globalization;
using Microsoft.AspNetCore.Antiforgery;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Planning;

/// <summary>Form posts of the calendar: move, split, add and remove slots. Each answers with a redirect carrying a message code.</summary>
internal static class SlotEndpoints
{
    public static void MapSlotEndpoints(this IEndpointRouteBuilder app)
    {
        var slots = app.MapGroup("/planning/slots").RequireAuthorization(Policies.CommunePlanning).ExcludeFromDescription();

        slots.MapPost("/{id:int}/move", (int id, HttpContext context, IAntiforgery antiforgery, ScheduleEditor editor) =>
            HandleAsync(context, antiforgery, $"/planning/slots/{id}", "done.slot-moved", async form =>
                Placement(form) is { } placement ? await editor.MoveAsync(id, placement) : "slot.input"));

        slots.MapPost("/{id:int}/split", (int id, HttpContext context, IAntiforgery antiforgery, ScheduleEditor editor) =>
            HandleAsync(context, antiforgery, $"/planning/slots/{id}", "done.slot-split", async form =>
                Number(form, "firstPart") is { } first ? await editor.SplitAsync(id, first) : "slot.split-count"));

        slots.MapPost("/{id:int}/remove", (int id, HttpContext context, IAntiforgery antiforgery, ScheduleEditor editor) =>
            HandleAsync(context, antiforgery, "/planning", "done.slot-removed", _ => editor.RemoveAsync(id), onError: $"/planning/slots/{id}"));

        slots.MapPost("/create", (HttpContext context, IAntiforgery antiforgery, ScheduleEditor editor) =>
            HandleAsync(context, antiforgery, "/planning", "done.slot-added", async form =>
                Placement(form) is not { } placement ? "slot.input"
                : Number(form, "cellId") is not { } cell ? "slot.cell-unknown"
                : await editor.AddAsync(cell, placement, Number(form, "members") ?? 0)));
    }

    private static async Task<IResult> HandleAsync(
        HttpContext context, IAntiforgery antiforgery, string back, string done, Func<IFormCollection, Task<string?>> action, string? onError = null)
    {
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect($"{onError ?? back}?error=form.expired");
        }

        var form = await context.Request.ReadFormAsync();
        var error = await action(form);
        return Results.LocalRedirect(error is null ? $"{back}?done={done}" : $"{onError ?? back}?error={error}");
    }

    private static SlotPlacement? Placement(IFormCollection form) =>
        Number(form, "siteId") is { } site
        && DateOnly.TryParseExact(form["date"], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
        && TimeOnly.TryParseExact(form["from"], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
        && TimeOnly.TryParseExact(form["to"], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var to)
            ? new SlotPlacement(site, date, from, to)
            : null;

    // Plain ASCII digits only: "١٢" or "１２" from a pasted value is not a number here.
    private static int? Number(IFormCollection form, string name) =>
        int.TryParse(form[name], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
