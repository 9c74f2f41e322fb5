using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using PartyCardIntake.Core.Data;
using PartyCardIntake.Core.Domain;
using PartyCardIntake.Core.Text;
using PartyCardIntake.Infrastructure.Database;

namespace PartyCardIntake.Web.Features.Import;

/// <summary>
/// Writes committed member files chunk by chunk. Each chunk is one transaction that also moves the
/// import's cursor, so an import interrupted by a restart resumes where it stopped, and re-importing the
/// same file updates members by ID number instead of adding them twice.
/// </summary>
/// <remarks>
/// A chunk is not claimed row by row: two nodes writing the same chunk at once would both add its history
/// lines (and one would fail on the members' unique ID numbers). So the background loop writes only on the
/// node that holds the lease <see cref="LeaseName"/>; the others look again at their next round.
/// <see cref="ProcessNextImportAsync"/> does not look at the lease (tests call it directly).
/// </remarks>
public sealed class ImportWorker(
    ISystemDbContextFactory factory,
    WorkerLeases leases,
    ImportProgressFeed progress,
    TimeProvider clock,
    IHostApplicationLifetime lifetime,
    ILogger<ImportWorker> logger) : BackgroundService
{
    public const int ChunkSize = 2000;

    public const string LeaseName = "member-import";

    /// <summary>How often the worker looks for committed imports when nobody wakes it.</summary>
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken);
        try
        {
            await LoopAsync(stoppingToken);
        }
        finally
        {
            await leases.ReleaseOnStopAsync(LeaseName);
        }
    }

    private async Task LoopAsync(CancellationToken stoppingToken)
    {
        var lease = WorkerLeases.DurationFor(Interval);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await leases.RunIfHeldAsync(LeaseName, lease, WriteAllAsync, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Member import chunk failed; it will be tried again");
            }

            // Another node may have queued an import: look again every few seconds, or at once when woken.
            using var round = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(Interval, clock, round.Token);
            var wake = _wake.WaitAsync(round.Token);
            await Task.WhenAny(delay, wake);
            await round.CancelAsync();
            try
            {
                await Task.WhenAll(delay, wake);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task WriteAllAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested && await ProcessNextImportAsync(cancellationToken))
        {
        }
    }

    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Starts the next round now instead of at the next tick (an import was just committed here).</summary>
    public void Wake() => _wake.Release();

    /// <summary>
    /// Writes the oldest committing import to the end, one transaction per chunk; false when there is
    /// nothing to do. The rows are read once; each chunk gets a fresh context.
    /// </summary>
    public async Task<bool> ProcessNextImportAsync(CancellationToken cancellationToken)
    {
        int importId;
        List<ImportRow> rows;
        await using (var db = factory.CreateDbContext())
        {
            var next = await db.MemberImports.AsNoTracking()
                .Where(i => i.State == ImportState.Committing)
                .OrderBy(i => i.Id)
                .Select(i => new { i.Id, i.RowsJson })
                .FirstOrDefaultAsync(cancellationToken);
            if (next is null)
            {
                return false;
            }

            importId = next.Id;
            rows = JsonSerializer.Deserialize<List<ImportRow>>(next.RowsJson ?? "[]", ImportService.Json) ?? [];
        }

        while (await ProcessChunkAsync(importId, rows, cancellationToken))
        {
        }

        return true;
    }

    /// <summary>Writes the next chunk of one import; false once the import is finished.</summary>
    private async Task<bool> ProcessChunkAsync(int importId, List<ImportRow> rows, CancellationToken cancellationToken)
    {
        await using var db = factory.CreateDbContext();

        // One retriable unit. The chunk's transaction moves the import's cursor too, so a repeat after a commit
        // whose answer was lost reads the moved cursor and goes on with the next chunk, not this one again.
        var more = await db.RunAsync(ct => WriteChunkAsync(db, importId, rows, ct), cancellationToken);

        // Once committed: the pages watching this import see the stored cursor (and "finished" for the last chunk).
        var stored = await db.MemberImports.AsNoTracking().Where(i => i.Id == importId).Select(i => new { i.ProcessedRows, i.State }).FirstAsync(cancellationToken);
        progress.Publish(new ImportProgressUpdate(importId, stored.ProcessedRows, rows.Count, Finished: stored.State != ImportState.Committing));
        return more;
    }

    private async Task<bool> WriteChunkAsync(AppDbContext db, int importId, List<ImportRow> rows, CancellationToken cancellationToken)
    {
        var import = await db.MemberImports.FirstAsync(i => i.Id == importId, cancellationToken);
        if (import.State != ImportState.Committing)
        {
            return false;
        }

        var chunk = rows.Skip(import.ProcessedRows).Take(ChunkSize).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var cells = await CellsAsync(db, import, rows, now, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = new List<PartyMember>();
        var ids = chunk.Select(r => PersonalIdNumber.Parse(r.IdNumber)).ToList();
        var existing = (await db.PartyMembers.Where(m => ids.Contains(m.IdNumber)).ToListAsync(cancellationToken))
            .ToDictionary(m => m.IdNumber.Value, StringComparer.Ordinal);
        var position = 0;
        foreach (var row in chunk)
        {
            // Rows gone through so far, for the pages watching (coalesced by the feed to a few notices a second).
            if (++position % 25 == 0)
            {
                progress.Publish(new ImportProgressUpdate(import.Id, import.ProcessedRows + position, rows.Count, Finished: false));
            }

            if (!cells.TryGetValue(VietnameseText.Fold(row.PartyCell), out var cellId)
                || (existing.TryGetValue(row.IdNumber, out var found) && found.CommuneId != import.CommuneId))
            {
                // An unknown cell the committee chose not to create, or a person on another commune's list.
                import.Skipped++;
                continue;
            }

            if (found is null)
            {
                var member = PartyMember.Create(import.CommuneId, cellId, PersonalIdNumber.Parse(row.IdNumber), row.FullName, row.Sex, row.BirthYear, row.BirthDate, now);
                Apply(member, row);

                // The member's first history line comes from the import itself (one row, not one per member).
                member.CreatedByImportId = import.Id;
                added.Add(member);
                import.Added++;
                continue;
            }

            var changes = Update(found, row, cellId);
            if (changes.Count == 0)
            {
                import.Unchanged++;
                continue;
            }

            found.UpdatedAt = now;
            foreach (var (field, oldValue, newValue) in changes)
            {
                db.MemberEvents.Add(Event(import, found, MemberEventKind.ImportUpdated, field, oldValue, newValue, now));
            }

            import.Changed++;
        }

        import.ProcessedRows += chunk.Count;
        var finished = import.ProcessedRows >= rows.Count;
        if (finished)
        {
            import.State = ImportState.Committed;
            import.CommittedAt = now;
            import.RowsJson = null;
        }

        await MemberBulkInsert.InsertAsync(db, added, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await MemberCounts.RecountAsync(db, import.CommuneId, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return !finished;
    }

    /// <summary>The commune's cells by folded name; on the first chunk, the new ones are created if asked.</summary>
    private static async Task<Dictionary<string, int>> CellsAsync(AppDbContext db, MemberImport import, List<ImportRow> rows, DateTime now, CancellationToken cancellationToken)
    {
        var cells = await db.PartyCells.Where(c => c.CommuneId == import.CommuneId).ToListAsync(cancellationToken);
        var byName = cells.ToDictionary(c => VietnameseText.Fold(c.Name), c => c.Id, StringComparer.Ordinal);
        if (import.ProcessedRows == 0 && import.CreateUnknownCells)
        {
            var created = rows.Select(r => r.PartyCell)
                .DistinctBy(VietnameseText.Fold)
                .Where(name => !byName.ContainsKey(VietnameseText.Fold(name)))
                .Select(name => new PartyCell { CommuneId = import.CommuneId, Name = name })
                .ToList();
            if (created.Count > 0)
            {
                db.PartyCells.AddRange(created);
                await db.SaveChangesAsync(cancellationToken);
                import.CellsCreated = created.Count;
                foreach (var cell in created)
                {
                    byName[VietnameseText.Fold(cell.Name)] = cell.Id;
                }
            }
        }

        _ = now;
        return byName;
    }

    private static void Apply(PartyMember member, ImportRow row)
    {
        member.PartyCardNumber = row.PartyCardNumber;
        member.JoinedOn = row.JoinedOn;
        member.Phone = row.Phone;
        member.Address = row.Address;
    }

    private static List<(string Field, string? Old, string? New)> Update(PartyMember member, ImportRow row, int cellId)
    {
        var changes = new List<(string, string?, string?)>();
        void Track(string field, string? oldValue, string? newValue)
        {
            if (!string.Equals(oldValue, newValue, StringComparison.Ordinal))
            {
                changes.Add((field, oldValue, newValue));
            }
        }

        var oldBirth = Birth(member.BirthYear, member.BirthDate);
        Track("FullName", member.FullName, row.FullName);
        Track("DateOfBirth", oldBirth, Birth(row.BirthYear, row.BirthDate));
        Track("Sex", member.Sex.ToString(), row.Sex.ToString());
        if (changes.Count > 0)
        {
            member.SetIdentity(member.IdNumber, row.FullName, row.Sex, row.BirthYear, row.BirthDate);
        }

        if (member.PartyCellId != cellId)
        {
            changes.Add(("PartyCell", member.PartyCellId.ToString(System.Globalization.CultureInfo.InvariantCulture), cellId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            member.MoveTo(cellId);
        }

        Track("PartyCardNumber", member.PartyCardNumber, row.PartyCardNumber);
        Track("JoinedOn", member.JoinedOn?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture), row.JoinedOn?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture));
        Track("Phone", member.Phone, row.Phone);
        Track("Address", member.Address, row.Address);
        Apply(member, row);
        return changes;
    }

    private static string Birth(int year, DateOnly? date) =>
        date?.ToString("dd/MM/yyyy", System.Globalization.CultureInfo.InvariantCulture) ?? year.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static MemberEvent Event(MemberImport import, PartyMember member, MemberEventKind kind, string? field, string? oldValue, string? newValue, DateTime now) => new()
    {
        CommuneId = import.CommuneId,
        Member = member,
        At = now,
        UserName = import.UploadedBy,
        Kind = kind,
        Field = field,
        OldValue = oldValue,
        NewValue = newValue,
        Note = import.FileName,
    };
}
