namespace PartyCardIntake.Web.Features.FieldMode;

/// <summary>
/// On a laptop without a kit every page leads to the kit import, which is the only page open without signing in;
/// once a kit is imported, the import page needs the officer, and the laptop's home is the field page.
/// </summary>
internal sealed class FieldSetupGate(RequestDelegate next, FieldModeState state)
{
    public const string SetupPath = "/field/setup";
    public const string HomePath = "/field";

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (IsInfrastructure(path))
        {
            await next(context);
            return;
        }

        var kit = await state.KitAsync(context.RequestAborted);
        var onSetup = path.StartsWithSegments(SetupPath);

        // The API answers as it does to anyone not signed in: before a kit, the laptop has no user at all.
        if (kit is null && !onSetup && !path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(SetupPath);
            return;
        }

        if (kit is not null && onSetup && context.User.Identity?.IsAuthenticated != true)
        {
            context.Response.Redirect("/account/signin?ReturnUrl=" + Uri.EscapeDataString(SetupPath));
            return;
        }

        if (kit is not null && path == "/" && context.User.Identity?.IsAuthenticated == true)
        {
            context.Response.Redirect(HomePath);
            return;
        }

        await next(context);
    }

    // The circuit, scripts, styles and health checks: never personal data, and the setup page needs them.
    private static bool IsInfrastructure(PathString path) =>
        path.StartsWithSegments("/_blazor") || path.StartsWithSegments("/_framework") || path.StartsWithSegments("/_content")
        || path.StartsWithSegments("/health") || path.StartsWithSegments("/status") || path.StartsWithSegments("/error")
        || Path.HasExtension(path.Value);
}
