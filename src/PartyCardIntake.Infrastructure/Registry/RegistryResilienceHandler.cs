using Polly;

namespace PartyCardIntake.Infrastructure.Registry;

/// <summary>
/// Runs every request of the registry's HttpClient through the singleton
/// <see cref="RegistryResiliencePipeline"/>; the handler itself holds no state, so the factory may
/// recycle it freely.
/// </summary>
public sealed class RegistryResilienceHandler(RegistryResiliencePipeline pipeline, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(RegistryResiliencePipeline.StartedAt, timeProvider.GetTimestamp());
        context.Properties.Set(RegistryResiliencePipeline.CallerToken, cancellationToken);
        try
        {
            return await pipeline.Pipeline.ExecuteAsync(
                static (ctx, state) => state.Handler.SendAttemptAsync(state.Request, ctx.CancellationToken),
                context,
                (Handler: this, Request: request));
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    /// <summary>The synchronous path would bypass the pipeline; the registry client never uses it.</summary>
    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("The registry client is asynchronous only.");

    private async ValueTask<HttpResponseMessage> SendAttemptAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return response;
        }

        // Read the body inside the attempt so that a registry that stalls mid-body is caught by the
        // attempt and total timeouts too, not only one that is slow to send its headers.
        try
        {
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}
