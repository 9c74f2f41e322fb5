namespace PartyCardIntake.Web.Features.Members;

/// <summary>
/// A write-only stream that collects what a synchronous writer (ZipArchive finishing an entry) produces, for the
/// caller to pass on with <see cref="DrainToAsync"/>. ASP.NET Core refuses synchronous writes to the response, and
/// ZipArchive still writes synchronously when an entry is closed; draining after each entry keeps memory to one entry.
/// </summary>
internal sealed class ChunkedOutput : Stream
{
    private readonly MemoryStream _pending = new();
    private long _written;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _written;
        set => throw new NotSupportedException();
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        _pending.Write(buffer);
        _written += buffer.Length;
    }

    public override void Flush()
    {
    }

    public async Task DrainToAsync(Stream target, CancellationToken cancellationToken)
    {
        if (_pending.Length == 0)
        {
            return;
        }

        await target.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), cancellationToken);
        await target.FlushAsync(cancellationToken);
        _pending.SetLength(0);
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
