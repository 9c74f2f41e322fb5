using Microsoft.Extensions.Options;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Infrastructure.Audit;

/// <summary>Section "Audit": where and how often this node writes anchors of the audit chain.</summary>
public sealed class AuditAnchorOptions
{
    public const string Section = "Audit";

    /// <summary>Defaults to audit-anchors.log in the data folder. Best on another disk or a mount the database's host cannot write.</summary>
    public string? AnchorFile { get; set; }

    public TimeSpan AnchorInterval { get; set; } = TimeSpan.FromMinutes(5);
}

/// <summary>
/// An append-only text file of <see cref="AuditAnchor"/> lines. Each web node keeps its own: every one is
/// a separate witness of how long the chain was.
/// </summary>
public sealed class AuditAnchorFile(IOptions<AuditAnchorOptions> options, DatabaseOptions database)
{
    public string Path => System.IO.Path.GetFullPath(options.Value.AnchorFile
        ?? System.IO.Path.Combine(database.DataFolder, "audit-anchors.log"));

    public async Task AppendAsync(AuditAnchor anchor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        await using var file = new FileStream(Path, FileMode.Append, FileAccess.Write, FileShare.Read);
        await file.WriteAsync(System.Text.Encoding.ASCII.GetBytes(anchor.ToLine() + "\n"), cancellationToken);
        file.Flush(flushToDisk: true);
    }

    /// <summary>The anchors in the file (none when it does not exist yet); lines that do not parse are skipped.</summary>
    public async Task<IReadOnlyList<AuditAnchor>> ReadAsync(string? path = null, CancellationToken cancellationToken = default)
    {
        path ??= Path;
        if (!File.Exists(path))
        {
            return [];
        }

        var lines = await File.ReadAllLinesAsync(path, cancellationToken);
        return [.. lines.Select(AuditAnchor.Parse).OfType<AuditAnchor>()];
    }

    /// <summary>The last anchor written, to avoid repeating it while the chain has not grown.</summary>
    public async Task<AuditAnchor?> LastAsync(CancellationToken cancellationToken = default) =>
        await ReadAsync(cancellationToken: cancellationToken) is [.., var last] ? last : null;
}
