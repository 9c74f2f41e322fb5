using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Infrastructure.Import;
using PartyCardIntake.Web.Hosting;
using PartyCardIntake.Web.Security;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>
/// Upload, preview and commit of a member file for the user's commune. Nothing reaches the member
/// list before the committee commits; the commit itself runs in the background, chunk by chunk.
/// </summary>
public sealed class ImportService(
    IDbContextFactory<AppDbContext> factory,
    ImportWorker worker,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    IOptions<ImportLimits> limits)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ImportLimits Limits => limits.Value;

    public async Task<int> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        var communeId = user.CommuneId ?? throw new InvalidOperationException("Imports belong to a commune.");
        var result = MemberFileParser.Parse(content, fileName, time.Today, limits.Value);

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var known = (await db.PartyCells.Select(c => c.Name).ToListAsync(cancellationToken))
            .Select(VietnameseText.Fold)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = result.Valid
            .Select(r => r.PartyCell)
            .DistinctBy(VietnameseText.Fold)
            .Where(name => !known.Contains(VietnameseText.Fold(name)))
            .ToList();
        var import = new MemberImport
        {
            CommuneId = communeId,

            // Only the name is kept, never a client path, and never used to touch the file system.
            FileName = Truncate(Path.GetFileName(fileName.Replace('\\', '/')), 260),
            UploadedAt = clock.GetUtcNow().UtcDateTime,
            UploadedBy = user.UserName,
            State = result.FileError is null ? ImportState.Validated : ImportState.Rejected,
            FileError = result.FileError,
            DataRows = result.DataRows,
            ValidRows = result.Valid.Count,
            ErrorCount = result.Errors.Count,
            RowsJson = result.Valid.Count == 0 ? null : JsonSerializer.Serialize(result.Valid.Select(ImportRow.From), Json),
            ErrorsJson = result.Errors.Count == 0 ? null : JsonSerializer.Serialize(result.Errors, Json),
            UnknownCellsJson = unknown.Count == 0 ? null : JsonSerializer.Serialize(unknown, Json),
        };
        db.MemberImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return import.Id;
    }

    /// <summary>The import with its errors; <paramref name="withErrors"/> false for the progress poll, which shows only counts.</summary>
    public async Task<ImportView?> GetAsync(int id, bool withErrors = true, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The waiting rows can be megabytes; a progress poll must not read them.
        var import = await db.MemberImports.AsNoTracking()
            .Where(i => i.Id == id)
            .Select(i => new MemberImport
            {
                Id = i.Id, CommuneId = i.CommuneId, FileName = i.FileName, UploadedAt = i.UploadedAt, UploadedBy = i.UploadedBy, State = i.State,
                FileError = i.FileError, DataRows = i.DataRows, ValidRows = i.ValidRows, ErrorCount = i.ErrorCount,
                ErrorsJson = withErrors ? i.ErrorsJson : null, UnknownCellsJson = withErrors ? i.UnknownCellsJson : null, CreateUnknownCells = i.CreateUnknownCells, ProcessedRows = i.ProcessedRows, Added = i.Added,
                Changed = i.Changed, Unchanged = i.Unchanged, Skipped = i.Skipped, CellsCreated = i.CellsCreated, CommittedAt = i.CommittedAt,
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (import is null)
        {
            return null;
        }

        var errors = import.ErrorsJson is null ? [] : JsonSerializer.Deserialize<List<ImportError>>(import.ErrorsJson, Json) ?? [];
        var unknown = import.UnknownCellsJson is null ? [] : JsonSerializer.Deserialize<List<string>>(import.UnknownCellsJson, Json) ?? [];
        return new ImportView(import, errors, unknown);
    }

    public async Task<IReadOnlyList<MemberImport>> RecentAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.MemberImports.AsNoTracking()
            .OrderByDescending(i => i.UploadedAt)
            .Take(10)
            .Select(i => new MemberImport
            {
                Id = i.Id, FileName = i.FileName, UploadedAt = i.UploadedAt, UploadedBy = i.UploadedBy, State = i.State,
                DataRows = i.DataRows, ValidRows = i.ValidRows, ErrorCount = i.ErrorCount, Added = i.Added, Changed = i.Changed, Unchanged = i.Unchanged,
            })
            .ToListAsync(cancellationToken);
    }

    /// <summary>Hands the valid rows to the import worker; null when accepted, else a message code.</summary>
    public async Task<string?> CommitAsync(int id, bool createUnknownCells, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return "member.not-found";
        }

        if (import.State != ImportState.Validated || import.ValidRows == 0)
        {
            return "import.not-committable";
        }

        import.State = ImportState.Committing;
        import.CreateUnknownCells = createUnknownCells;
        await db.SaveChangesAsync(cancellationToken);
        worker.Wake();
        return null;
    }

    public async Task<string?> DiscardAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return "member.not-found";
        }

        if (import.State == ImportState.Validated)
        {
            import.State = ImportState.Discarded;
            import.RowsJson = null;
            await db.SaveChangesAsync(cancellationToken);
        }

        return null;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];
}
