using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace PartyCardIntake.Tests.Shared;

/// <summary>One answer of the application under /api, as the client received it.</summary>
public sealed record RecordedApiResponse(string Method, string Path, int Status, string? ContentType, string Body);

/// <summary>
/// Keeps every /api answer of one test application, so that the answers can be checked against the OpenAPI
/// document after the tests that caused them (ApiContract in the integration tests).
/// </summary>
public sealed class ApiResponseRecorder : IStartupFilter
{
    private readonly ConcurrentQueue<RecordedApiResponse> _responses = new();

    public IReadOnlyCollection<RecordedApiResponse> Responses => _responses;

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        // Outside the application's own middleware: what is recorded is what went out.
        app.Use(RecordAsync);
        next(app);
    };

    private async Task RecordAsync(HttpContext context, RequestDelegate next)
    {
        if (!context.Request.Path.StartsWithSegments("/api"))
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        await using var copy = new TeeStream(original);
        context.Response.Body = copy;
        try
        {
            await next(context);
        }
        finally
        {
            context.Response.Body = original;
            _responses.Enqueue(new RecordedApiResponse(
                context.Request.Method,
                context.Request.Path.Value ?? "/",
                context.Response.StatusCode,
                context.Response.ContentType,
                System.Text.Encoding.UTF8.GetString(copy.Written.ToArray())));
        }
    }

    /// <summary>Passes writes on to the response and keeps a copy.</summary>
    private sealed class TeeStream(Stream inner) : Stream
    {
        public MemoryStream Written { get; } = new();

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            Written.Write(buffer, offset, count);
            inner.Write(buffer, offset, count);
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Written.Write(buffer.Span);
            await inner.WriteAsync(buffer, cancellationToken);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                Written.Dispose();
            }

            base.Dispose(disposing);
        }

        public override async ValueTask DisposeAsync()
        {
            await Written.DisposeAsync();
            await base.DisposeAsync();
        }
    }
}
