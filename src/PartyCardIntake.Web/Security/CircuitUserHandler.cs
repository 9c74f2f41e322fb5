using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace PartyCardIntake.Web.Security;

/// <summary>
/// Gives the circuit's services its user: before every inbound event the authentication state is copied
/// into <see cref="CurrentUser"/>, so the data scope and the audit actor follow revalidation. Also logs
/// circuits opening, dropping and closing, with the circuit's id and the user's database id only.
/// </summary>
internal sealed partial class CircuitUserHandler(
    AuthenticationStateProvider authentication,
    CurrentUser user,
    TimeProvider clock,
    ILogger<CircuitUserHandler> logger) : CircuitHandler, IDisposable
{
    private bool subscribed;

    public override int Order => -100;

    public override async Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        await RefreshAsync();
        authentication.AuthenticationStateChanged += OnAuthenticationStateChanged;
        subscribed = true;
        LogOpened(logger, circuit.Id, user.UserId ?? "-");
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        LogDown(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        LogUp(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        LogClosed(logger, circuit.Id);
        return Task.CompletedTask;
    }

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            await RefreshAsync();
            user.MarkActivity(clock.GetUtcNow().UtcDateTime);
            await next(context);
        };

    public void Dispose()
    {
        if (subscribed)
        {
            authentication.AuthenticationStateChanged -= OnAuthenticationStateChanged;
        }
    }

    private async Task RefreshAsync() => user.SetCircuitUser((await authentication.GetAuthenticationStateAsync()).User);

    private void OnAuthenticationStateChanged(Task<AuthenticationState> task) =>
        _ = task.ContinueWith(t => user.SetCircuitUser(t.Result.User), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit {CircuitId} opened for user {UserId}")]
    private static partial void LogOpened(ILogger logger, string circuitId, string userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit {CircuitId} lost its connection")]
    private static partial void LogDown(ILogger logger, string circuitId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit {CircuitId} connected")]
    private static partial void LogUp(ILogger logger, string circuitId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Circuit {CircuitId} closed")]
    private static partial void LogClosed(ILogger logger, string circuitId);
}
