using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using FluentValidation;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Identity;
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
/// <summary>Why an upload, commit or discard was refused.</summary>
public enum ImportProblem
{
    /// <summary>Only the ward committee of a commune imports member lists.</summary>
    Forbidden = 1,

    /// <summary>No such import in the user's commune (another commune's imports do not exist for them).</summary>
    NotFound = 2,

    /// <summary>The import was already committed or discarded, or has no valid row.</summary>
    NotCommittable = 3,
}

/// <summary>What an upload gave: the new import's id (which may hold a refused file, shown on its page), or why nothing was stored.</summary>
public sealed record ImportUploadResult(int? Id, ImportProblem? Problem, string? FileError = null);

/// <summary>What a commit or a discard did.</summary>
public sealed record ImportActionResult(ImportProblem? Problem)
{
    public static ImportActionResult Done { get; } = new((ImportProblem?)null);

    public bool Succeeded => Problem is null;
}

public sealed class ImportService(
    IDbContextFactory<AppDbContext> factory,
    ImportWorker worker,
    CurrentUser user,
    VietnamTime time,
    TimeProvider clock,
    IOptions<ImportLimits> limits,
    IValidator<ImportRow> rowValidator)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public ImportLimits Limits => limits.Value;

    private bool Allowed => user.IsInRole(AppRoles.WardCommittee) && user.CommuneId is not null;

    /// <summary>
    /// Reads and checks a member file for the user's commune and keeps the valid rows until the committee commits. A
    /// file refused as a whole (unsupported, unreadable, too large, empty) is kept as a rejected import with its reason.
    /// </summary>
    public async Task<ImportUploadResult> UploadAsync(Stream content, string fileName, CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return new ImportUploadResult(null, ImportProblem.Forbidden);
        }

        var communeId = user.CommuneId!.Value;
        var parsed = MemberFileParser.Parse(content, fileName, time.Today, limits.Value);

        // The checked rows go through the row model's rules once more before they wait for commit.
        var valid = new List<ImportRow>(parsed.Valid.Count);
        var errors = parsed.Errors.ToList();
        foreach (var member in parsed.Valid)
        {
            var row = ImportRow.From(member);
            var check = rowValidator.Validate(row);
            if (check.IsValid)
            {
                valid.Add(row);
                continue;
            }

            foreach (var failure in check.Errors)
            {
                errors.Add(new ImportError(row.Row, ImportRowValidator.ColumnOf(failure.PropertyName), failure.ErrorCode, Echo(failure.AttemptedValue as string)));
            }
        }

        errors.Sort((a, b) => a.Row.CompareTo(b.Row));

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var known = (await db.PartyCells.Select(c => c.Name).ToListAsync(cancellationToken))
            .Select(VietnameseText.Fold)
            .ToHashSet(StringComparer.Ordinal);
        var unknown = valid
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
            State = parsed.FileError is null ? ImportState.Validated : ImportState.Rejected,
            FileError = parsed.FileError,
            DataRows = parsed.DataRows,
            ValidRows = valid.Count,

            // Rows with at least one problem, not problems: five bad rows are "5 dòng lỗi" however many errors each has.
            ErrorCount = ErrorRows(errors),
            RowsJson = valid.Count == 0 ? null : JsonSerializer.Serialize(valid, Json),
            ErrorsJson = errors.Count == 0 ? null : JsonSerializer.Serialize(errors, Json),
            UnknownCellsJson = unknown.Count == 0 ? null : JsonSerializer.Serialize(unknown, Json),
        };
        db.MemberImports.Add(import);
        await db.SaveChangesAsync(cancellationToken);
        return new ImportUploadResult(import.Id, null, import.FileError);
    }

    /// <summary>How many rows have at least one error (the header row of a file error counts as one).</summary>
    public static int ErrorRows(IEnumerable<ImportError> errors) => errors.Select(e => e.Row).Distinct().Count();

    /// <summary>The import with its errors; null when there is no such import in the user's commune.</summary>
    public async Task<ImportView?> GetAsync(int id, bool withErrors = true, CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // The waiting rows can be megabytes; a progress read must not load them.
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
        if (!Allowed)
        {
            return [];
        }

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

    /// <summary>Hands the valid rows to the import worker.</summary>
    public async Task<ImportActionResult> CommitAsync(int id, bool createUnknownCells, CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return new ImportActionResult(ImportProblem.Forbidden);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return new ImportActionResult(ImportProblem.NotFound);
        }

        if (import.State != ImportState.Validated || import.ValidRows == 0)
        {
            return new ImportActionResult(ImportProblem.NotCommittable);
        }

        import.State = ImportState.Committing;
        import.CreateUnknownCells = createUnknownCells;
        await db.SaveChangesAsync(cancellationToken);
        worker.Wake();
        return ImportActionResult.Done;
    }

    /// <summary>Drops an import that was checked but not committed; anything else stays as it is.</summary>
    public async Task<ImportActionResult> DiscardAsync(int id, CancellationToken cancellationToken = default)
    {
        if (!Allowed)
        {
            return new ImportActionResult(ImportProblem.Forbidden);
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var import = await db.MemberImports.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (import is null)
        {
            return new ImportActionResult(ImportProblem.NotFound);
        }

        if (import.State != ImportState.Validated)
        {
            return new ImportActionResult(ImportProblem.NotCommittable);
        }

        import.State = ImportState.Discarded;
        import.RowsJson = null;
        await db.SaveChangesAsync(cancellationToken);
        return ImportActionResult.Done;
    }

    private static string Truncate(string value, int length) => value.Length <= length ? value : value[..length];

    private static string? Echo(string? value) => value is null ? null : value.Length <= 100 ? value : string.Concat(value.AsSpan(0, 100), "…");
}
